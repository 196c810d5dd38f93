import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addExact, addProductExact, canonicalExactSum, exactSumOf, exactValue } from '../../functions/stats/exact-sum.js';

// The oracle: doubles of magnitude ≥ 2^-148 are whole multiples of 2^-200, so scaled by 2^200 they
// are exact BigInts; their BigInt sum is exact, and Number() rounds it to nearest, ties to even.
const SCALE = 2 ** 200;
const exactly = (values: readonly number[]) => values.reduce((s, v) => s + BigInt(v * SCALE), 0n);
const exactlyRounded = (values: readonly number[]) => Number(exactly(values)) / SCALE;
const moderate = fc.double({ min: -1e15, max: 1e15, noNaN: true }).map((v) => (Math.abs(v) < 1e-40 ? 0 : v));
// Wider, for the canonical form: partials far apart in magnitude.
const wide = fc.double({ min: -1e17, max: 1e17, noNaN: true }).map((v) => (Math.abs(v) < 1e-30 ? 0 : v));

describe('exact sums', () => {
  it('read back the exact sum rounded once: 0.1 ten times is 1, 1e100 + 1 − 1e100 is 1', () => {
    expect(exactValue(exactSumOf(Array(10).fill(0.1)))).toBe(1);
    expect(exactValue(exactSumOf([1e100, 1, -1e100]))).toBe(1);
    // math.fsum's half-even case across partials: the 1e-16 tips 1e16 + 1 up to the next double.
    expect(exactValue(exactSumOf([1e-16, 1, 1e16]))).toBe(10000000000000002);
    expect(exactValue([])).toBe(0);
  });

  it('equal the correctly rounded sum of any doubles', () => {
    fc.assert(
      fc.property(fc.array(moderate, { maxLength: 40 }), (values) => {
        expect(exactValue(exactSumOf(values))).toBe(exactlyRounded(values));
      }),
      { numRuns: 500 },
    );
  });

  it('split and merged in any order give the same double, through JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(moderate, fc.nat(4)), { maxLength: 40 }), fc.boolean(), (tagged, reversed) => {
        const parts = [0, 1, 2, 3, 4].map((p) => JSON.parse(JSON.stringify(exactSumOf(tagged.filter(([, t]) => t === p).map(([v]) => v)))));
        const merged: number[] = [];
        for (const part of reversed ? parts.reverse() : parts) for (const x of part) addExact(merged, x);
        expect(exactValue(merged)).toBe(exactValue(exactSumOf(tagged.map(([v]) => v))));
      }),
      { numRuns: 500 },
    );
  });

  it('keep no zero partial, so −0 never appears', () => {
    expect(exactSumOf([-0, 0, -0])).toEqual([]);
    expect(Object.is(exactValue(exactSumOf([-0])), 0)).toBe(true);
  });

  it('take a product in exactly (Dekker)', () => {
    fc.assert(
      fc.property(moderate, moderate, (a, b) => {
        const partials: number[] = [];
        addProductExact(partials, a, b);
        const exact = BigInt(a * SCALE) * BigInt(b * SCALE);
        expect(partials.reduce((sum, p) => sum + BigInt(p * SCALE * SCALE), 0n)).toBe(exact);
      }),
      { numRuns: 300 },
    );
  });
});

describe('canonical exact sums', () => {
  it('equal sums added in different orders give different partials, and one canonical form', () => {
    const [forward, backward] = [exactSumOf([0.1, 0.7, 1e17, 0.3]), exactSumOf([0.3, 1e17, 0.7, 0.1])];
    expect(forward).not.toEqual(backward);
    expect(canonicalExactSum(forward)).toEqual(canonicalExactSum(backward));
    expect(canonicalExactSum(exactSumOf([1, -1]))).toEqual([]);
  });

  it('depends only on the exact value, keeps it, and stays partials that addExact and exactValue take', () => {
    fc.assert(
      fc.property(fc.array(wide, { maxLength: 30 }), fc.array(wide, { maxLength: 5 }), (values, more) => {
        const sum = exactSumOf(values);
        const canonical = canonicalExactSum(sum);
        expect(canonical).toEqual(canonicalExactSum(exactSumOf([...values].reverse())));
        expect(canonicalExactSum(canonical)).toEqual(canonical);
        expect(exactly(canonical)).toBe(exactly(values));
        expect(exactValue(canonical)).toBe(exactValue(sum));
        // Increasing magnitude, each at most half an ulp of the next (2^-53 of it), no zeros.
        canonical.forEach((x, i) => {
          expect(x).not.toBe(0);
          if (i > 0) expect(Math.abs(canonical[i - 1]!)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -53);
        });
        for (const x of more) {
          addExact(sum, x);
          addExact(canonical, x);
        }
        expect(exactValue(canonical)).toBe(exactValue(sum));
      }),
      { numRuns: 500 },
    );
  });
});

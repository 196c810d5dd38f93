import { describe, expect, it } from 'vitest';
import { crudeOddsRatio } from '../../functions/stats/crude-odds-ratio.js';
import { mantelHaenszelOddsRatio } from '../../functions/stats/mantel-haenszel.js';
import type { TwoByTwo } from '../../functions/stats/two-by-two.js';

// Worked examples from the R documentation of stats::mantelhaen.test, whose interval uses the
// Robins–Breslow–Greenland (1986) variance. Both were recomputed independently by hand (scratch
// script) and agree with the published output to the digits shown.
//
// 1. Penicillin and rabbits (Agresti A, Categorical Data Analysis, 1990, p. 233), five dose strata;
//    group 1 = treated immediately, event = cured. Published: common OR 7, 95% CI 1.026713 to 47.725133.
const rabbits: TwoByTwo[] = [
  { a: 0, b: 6, c: 0, d: 5 },
  { a: 3, b: 3, c: 0, d: 6 },
  { a: 6, b: 0, c: 2, d: 4 },
  { a: 5, b: 1, c: 6, d: 0 },
  { a: 2, b: 0, c: 5, d: 0 },
];
// 2. UC Berkeley graduate admissions 1973 (Bickel, Hammel & O'Connell 1975), six department strata;
//    group 1 = male, event = admitted. Published: common OR 0.9046968, 95% CI 0.7719074 to 1.0603298 —
//    while the crude pooled OR is 1.84: Simpson's paradox, the reason SPEC §5 shows both.
const berkeley: TwoByTwo[] = [
  { a: 512, b: 313, c: 89, d: 19 },
  { a: 353, b: 207, c: 17, d: 8 },
  { a: 120, b: 205, c: 202, d: 391 },
  { a: 138, b: 279, c: 131, d: 244 },
  { a: 53, b: 138, c: 94, d: 299 },
  { a: 22, b: 351, c: 24, d: 317 },
];

describe('mantelHaenszelOddsRatio', () => {
  it('reproduces the penicillin/rabbits example with its RBG interval', () => {
    const r = mantelHaenszelOddsRatio(rabbits);
    if (r.estimate === null) throw new Error(r.reason);
    expect(r.estimate).toBeCloseTo(7, 10);
    expect(r.lower).toBeCloseTo(1.026713, 5);
    expect(r.upper).toBeCloseTo(47.725133, 4);
    expect(r).toMatchObject({ strata: 5, n: 54 });
  });

  it('reproduces the Berkeley admissions example', () => {
    const r = mantelHaenszelOddsRatio(berkeley);
    if (r.estimate === null) throw new Error(r.reason);
    expect(r.estimate).toBeCloseTo(0.9046968, 6);
    expect(r.lower).toBeCloseTo(0.7719074, 6);
    expect(r.upper).toBeCloseTo(1.0603298, 6);
  });

  it('is null, not Infinity, when no stratum has b·c > 0', () => {
    const r = mantelHaenszelOddsRatio([{ a: 4, b: 0, c: 3, d: 5 }]);
    expect(r.estimate).toBeNull();
    expect(r).toMatchObject({ reason: expect.stringContaining('infinite') });
  });

  it('is null, not 0, when no stratum has a·d > 0', () => {
    expect(mantelHaenszelOddsRatio([{ a: 0, b: 2, c: 3, d: 5 }]).estimate).toBeNull();
  });

  it('ignores strata too small to compare', () => {
    const withSingleton = [...rabbits, { a: 1, b: 0, c: 0, d: 0 }];
    expect(mantelHaenszelOddsRatio(withSingleton).estimate).toBeCloseTo(7, 10);
    expect(mantelHaenszelOddsRatio([]).estimate).toBeNull();
  });
});

describe('crudeOddsRatio (Woolf)', () => {
  it('pools the strata: Berkeley crude OR reverses direction against the stratified one', () => {
    const r = crudeOddsRatio(berkeley);
    if (r.estimate === null) throw new Error(r.reason);
    // Pooled table 1198/1493 vs 557/1278 (hand-computed): OR = 1198·1278 / (1493·557).
    expect(r.table).toEqual({ a: 1198, b: 1493, c: 557, d: 1278 });
    expect(r.estimate).toBeCloseTo((1198 * 1278) / (1493 * 557), 10);
    const se = Math.sqrt(1 / 1198 + 1 / 1493 + 1 / 557 + 1 / 1278);
    expect(r.lower).toBeCloseTo(r.estimate * Math.exp(-1.959964 * se), 10);
    expect(r.upper).toBeCloseTo(r.estimate * Math.exp(1.959964 * se), 10);
    expect(r.estimate).toBeGreaterThan(1);
  });

  it('is null when a pooled cell is zero', () => {
    expect(crudeOddsRatio(rabbits.slice(0, 2)).estimate).toBeNull();
  });
});

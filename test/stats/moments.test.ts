import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeAll } from '../../functions/metrics/group-partial.js';
import { momentsMean, momentsOf, momentsSummary } from '../../functions/stats/moments.js';
import { histogramFigures } from '../../functions/stats/histogram.js';

describe('moments', () => {
  it('n, mean and the sample sd of [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, s² = 32/7', () => {
    expect(momentsSummary(momentsOf([2, 4, 4, 4, 5, 5, 7, 9]))).toEqual({ n: 8, mean: 5, sd: Math.sqrt(32 / 7) });
  });

  it('equal values have exactly zero spread, even where Σx² − (Σx)²/n would cancel to noise', () => {
    const t = 50 + 10 / Math.sqrt(2.6);
    expect(momentsSummary(momentsOf([t, t, t]))!.sd).toBe(0);
    expect(momentsSummary(momentsOf([1e8 + 0.1, 1e8 + 0.1]))!.sd).toBe(0);
  });

  it('agree with the two-pass formula', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 50 }), (values) => {
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
        const summary = momentsSummary(momentsOf(values))!;
        expect(summary.mean).toBeCloseTo(mean, 9);
        expect(Math.abs(summary.sd - sd)).toBeLessThanOrEqual(1e-9 * Math.max(1, sd));
      }),
      { numRuns: 300 },
    );
  });

  it('an empty sample has no mean', () => {
    expect(momentsMean(momentsOf([]))).toBeNull();
    expect(momentsSummary(momentsOf([]))).toBeNull();
  });

  it('merged moments read the same as the whole sample', () => {
    const whole = momentsSummary(momentsOf([0.1, 0.2, 0.3, 70.7, 41.3]));
    expect(momentsSummary(mergeAll([momentsOf([70.7, 0.2]), momentsOf([0.3, 41.3, 0.1])]))).toEqual(whole);
  });
});

describe('histogram figures', () => {
  it('count, mean and median of whole days', () => {
    expect(histogramFigures({ 7: 1, 65: 1 })).toEqual({ count: 2, mean: 36, median: 36 });
    expect(histogramFigures({ 1: 2, 3: 1, 10: 2 })).toEqual({ count: 5, mean: 5, median: 3 });
    expect(histogramFigures({})).toEqual({ count: 0, mean: null, median: null });
  });
});

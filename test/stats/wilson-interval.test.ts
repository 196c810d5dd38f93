import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../functions/stats/wilson-interval.js';

// Newcombe RG (1998) "Two-sided confidence intervals for the single proportion: comparison of seven
// methods", Stat Med 17:857–872, Table I, method 3 (Wilson score, no continuity correction).
// Recomputed independently in a scratch script before being asserted here.
describe('wilsonInterval', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → %f to %f (Newcombe 1998)', (x, n, lower, upper) => {
    const r = wilsonInterval(x, n);
    expect(r.estimate).toBeCloseTo(x / n, 10);
    if (r.estimate === null) throw new Error('expected an estimate');
    expect(r.lower).toBeCloseTo(lower, 4);
    expect(r.upper).toBeCloseTo(upper, 4);
    expect(r).toMatchObject({ events: x, n });
  });

  it('is null with a reason when there are no observations', () => {
    expect(wilsonInterval(0, 0)).toEqual({ estimate: null, reason: 'no observations', events: 0, n: 0 });
  });

  it('stays within [0, 1] at p = 1', () => {
    const r = wilsonInterval(10, 10);
    if (r.estimate === null) throw new Error('expected an estimate');
    expect(r.upper).toBe(1);
    expect(r.lower).toBeCloseTo(0.7225, 4); // 1 − 0.2775: by symmetry, the Wilson upper limit of 0/10
  });
});

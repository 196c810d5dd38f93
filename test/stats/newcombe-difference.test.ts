import { describe, expect, it } from 'vitest';
import { newcombeDifference } from '../../functions/stats/newcombe-difference.js';

// Newcombe RG (1998) "Interval estimation for the difference between independent proportions:
// comparison of eleven methods", Stat Med 17:873–890, Table II, method 10 (hybrid score).
// Each pair was recomputed independently (scratch script, Wilson limits combined by hand).
describe('newcombeDifference (method 10)', () => {
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i − %i/%i → %f to %f', (x1, n1, x2, n2, lower, upper) => {
    const r = newcombeDifference(x1, n1, x2, n2);
    if (r.estimate === null) throw new Error(r.reason);
    expect(r.estimate).toBeCloseTo(x1 / n1 - x2 / n2, 10);
    expect(r.lower).toBeCloseTo(lower, 4);
    expect(r.upper).toBeCloseTo(upper, 4);
  });

  it('is null with a reason when a group is empty, never NaN', () => {
    const r = newcombeDifference(3, 5, 0, 0);
    expect(r.estimate).toBeNull();
    expect(r).toMatchObject({ reason: 'no observations in group 2', n1: 5, n2: 0 });
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });
});

import { describe, expect, it } from 'vitest';
import { hedgesG } from '../../functions/stats/hedges-g.js';
import { momentsOf, momentsSummary } from '../../functions/stats/moments.js';

const hedgesGOfSamples = (x: number[], y: number[]) => hedgesG(momentsSummary(momentsOf(x)), momentsSummary(momentsOf(y)));

describe('hedgesG', () => {
  // Borenstein M, Hedges LV, Higgins JPT, Rothstein HR (2009) Introduction to Meta-Analysis, ch. 4
  // worked example: means 103 and 100, SDs 5.5 and 4.5, n = 50 each → d = 0.5970, J = 0.9923,
  // g = 0.5924. The SE is SPEC §5's approximation √((n₁+n₂)/(n₁n₂) + g²/(2(n₁+n₂))) evaluated by hand
  // (= √(0.04 + 0.5924²/200) = 0.2043), which differs from Borenstein's J²-scaled SE of 0.2028.
  it('reproduces the Borenstein et al. worked example', () => {
    const r = hedgesG({ n: 50, mean: 103, sd: 5.5 }, { n: 50, mean: 100, sd: 4.5 });
    if (r.estimate === null) throw new Error(r.reason);
    expect(r.estimate).toBeCloseTo(0.5924, 4);
    expect(r.lower).toBeCloseTo(0.5924 - 1.959964 * 0.20434, 3);
    expect(r.upper).toBeCloseTo(0.9929, 4);
    expect(r).toMatchObject({ n1: 50, n2: 50, mean1: 103, mean2: 100 });
  });

  // Hand-computed: [1,2,3] vs [4,5,6]: s_pooled = 1, J = 1 − 3/15 = 0.8, g = 0.8·(−3) = −2.4,
  // SE = √(6/9 + 5.76/12) = √1.146667 = 1.070825.
  it('works from raw samples, through exact moments', () => {
    const r = hedgesGOfSamples([1, 2, 3], [4, 5, 6]);
    if (r.estimate === null) throw new Error(r.reason);
    expect(r.estimate).toBeCloseTo(-2.4, 10);
    expect(r.upper - r.estimate).toBeCloseTo(1.959964 * 1.070825, 5);
  });

  it.each([
    [[1], [2, 3], 'group 1 has fewer than 2 values'],
    [[1, 2], [], 'group 2 has fewer than 2 values'],
    [[4, 4], [4, 4, 4], 'both groups have zero variance'],
  ])('is null with a reason: %j vs %j', (x, y, reason) => {
    expect(hedgesGOfSamples(x, y)).toMatchObject({ estimate: null, reason });
  });
});

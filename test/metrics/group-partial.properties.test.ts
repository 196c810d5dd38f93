// Issue 11 §2: partial aggregates of any split of the summaries, merged in any order and grouping,
// give figures identical (deep equality, so bit for bit) to the fold of all the summaries at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clinicMetrics, clinicMetricsOf, counselorMetrics, counselorMetricsOf } from '../../functions/metrics/clinic-metrics.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import {
  compareModes,
  compareModesByCounselor,
  compareModesByCounselorOf,
  compareModesOf,
  comparisonCounts,
  comparisonCountsOf,
} from '../../functions/metrics/comparison.js';
import { groupMetrics, groupMetricsOf } from '../../functions/metrics/group-metrics.js';
import { type GroupPartial, groupPartialOf, mergeGroupPartials } from '../../functions/metrics/group-partial.js';
import { COUNSELORS, SUMMARY_CONTEXT, clinicSummariesUpTo, stored } from './arbitrary-timeline.js';


const clinicSummaries = clinicSummariesUpTo(14);

/** The summaries, a bucket for each (up to 5 buckets, some maybe empty), and a merge plan. */
const split = clinicSummaries.chain((summaries) =>
  fc.record({
    summaries: fc.constant(summaries),
    buckets: fc.array(fc.nat(4), { minLength: summaries.length, maxLength: summaries.length }),
    order: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5 }),
    tree: fc.boolean(),
  }),
);


/** Left to right, or as a balanced tree: associativity means the grouping cannot matter. */
function merge(parts: GroupPartial[], tree: boolean): GroupPartial {
  if (!tree || parts.length <= 1) return mergeGroupPartials(parts);
  const half = Math.ceil(parts.length / 2);
  return mergeGroupPartials([merge(parts.slice(0, half), tree), merge(parts.slice(half), tree)]);
}

describe('partial aggregates merge to the full recompute', () => {
  it('any split into buckets, merged in any order and grouping, gives identical figures', () => {
    fc.assert(
      fc.property(split, ({ summaries, buckets, order, tree }) => {
        const parts = order.map((b) => stored(groupPartialOf(summaries.filter((_, i) => buckets[i] === b))));
        const merged = merge(parts, tree);
        const whole = groupPartialOf(summaries);
        expect(groupMetricsOf(merged)).toEqual(groupMetrics(summaries));
        expect(clinicMetricsOf(merged)).toEqual(clinicMetrics(summaries));
        expect(clinicMetricsOf(merged, { fromMonth: '2025-01', toMonth: '2025-06' })).toEqual(clinicMetricsOf(whole, { fromMonth: '2025-01', toMonth: '2025-06' }));
        expect(compareModesOf(merged)).toEqual(compareModes(summaries));
        expect(compareModesByCounselorOf(merged)).toEqual(compareModesByCounselor(summaries));
        expect(comparisonCountsOf(merged)).toEqual(comparisonCounts(summaries));
        for (const counselorId of [...COUNSELORS, 'nobody']) {
          expect(counselorMetricsOf(merged, counselorId)).toEqual(counselorMetrics(summaries, counselorId));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is plain JSON whose size does not grow with the number of clients', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        summarizeClient(
          [
            { id: `e${i}`, type: 'client.enrolled', clinicId: 'k', clientId: `p${i}`, counselorId: 'c1', occurredAt: '2025-01-01T10:00:00Z', gender: 'unknown', primarySubstance: 'alcohol', referral: 'self' },
            { id: `s${i}`, type: 'session.recorded', clinicId: 'k', clientId: `p${i}`, counselorId: 'c1', occurredAt: '2025-02-01T10:00:00Z', sessionId: 's', status: 'attended' },
            { id: `g${i}`, type: 'goal.set', clinicId: 'k', clientId: `p${i}`, counselorId: 'c1', occurredAt: '2025-01-01T10:00:00Z', goalId: 'g', mode: 'collaborative', domain: 'housing', weight: 1 + (i % 3) },
            { id: `r${i}`, type: 'goal.reviewed', clinicId: 'k', clientId: `p${i}`, counselorId: 'c1', occurredAt: '2025-01-15T10:00:00Z', goalId: 'g', level: (i % 5) - 2 },
          ],
          SUMMARY_CONTEXT,
        ),
      );
    const size = (n: number) => JSON.stringify(groupPartialOf(many(n))).length;
    expect(size(2000)).toBeLessThan(size(20) * 1.5);
  });
});

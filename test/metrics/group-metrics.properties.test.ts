import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../functions/events/schema.js';
import { caseload } from '../../functions/metrics/caseload.js';
import { clinicMetrics } from '../../functions/metrics/clinic-metrics.js';
import type { ClientSummary } from '../../functions/metrics/client-summary-types.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import { compareModes, compareModesByCounselor, comparisonCounts } from '../../functions/metrics/comparison.js';
import { networkComparison } from '../../functions/metrics/network-comparison.js';
import { AS_OF, clientTimeline } from './arbitrary-timeline.js';

const ctx = { asOf: AS_OF, timeZone: 'America/New_York' };
const summarize = (events: Event[]): ClientSummary[] => {
  const before = events.filter((e) => e.occurredAt <= AS_OF);
  return before.length === 0 ? [] : [summarizeClient(before, ctx)];
};

const clinicSummaries = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => clientTimeline(`client-${i}`))))
  .map((timelines) => timelines.flatMap(summarize));

const withShuffle = clinicSummaries.chain((summaries) =>
  fc.tuple(fc.constant(summaries), fc.shuffledSubarray(summaries, { minLength: summaries.length })),
);

describe('folds over summaries are independent of summary order', () => {
  it('clinic metrics, comparisons and caseload', () => {
    fc.assert(
      fc.property(withShuffle, ([summaries, shuffled]) => {
        expect(clinicMetrics(shuffled)).toEqual(clinicMetrics(summaries));
        expect(compareModes(shuffled)).toEqual(compareModes(summaries));
        expect(compareModesByCounselor(shuffled)).toEqual(compareModesByCounselor(summaries));
        expect(caseload(shuffled, AS_OF, ctx.timeZone)).toEqual(caseload(summaries, AS_OF, ctx.timeZone));
        expect(JSON.stringify(clinicMetrics(summaries))).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: 100 },
    );
  });

  it('network comparison, with clinics and summaries in any order', async () => {
    const clinic = (clinicId: string, summaries: ClientSummary[]) => ({ clinicId, consenting: true, counts: comparisonCounts(summaries) });
    await fc.assert(
      fc.asyncProperty(withShuffle, withShuffle, async ([a, aShuffled], [b, bShuffled]) => {
        const network = await networkComparison([clinic('own', a), clinic('other', b)]);
        const reordered = await networkComparison([clinic('other', bShuffled), clinic('own', aShuffled)]);
        expect(reordered.populations).toEqual(network.populations);
      }),
      { numRuns: 25 },
    );
  });
});

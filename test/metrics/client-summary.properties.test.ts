import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../functions/events/schema.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import { AS_OF, clientTimeline } from './arbitrary-timeline.js';

const ctx = { asOf: AS_OF, timeZone: 'Europe/Berlin' };
// Some generated timelines lie wholly after asOf; then both sides must refuse alike.
const summaryOrRefusal = (events: Event[]) => {
  try {
    return summarizeClient(events, ctx);
  } catch (error) {
    return { refused: (error as Error).message };
  }
};

describe('summarizeClient depends only on the set of events', () => {
  it('shuffled event order → identical summary', () => {
    fc.assert(
      fc.property(
        clientTimeline().chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))),
        ([events, shuffled]) => {
          expect(summaryOrRefusal(shuffled)).toEqual(summaryOrRefusal(events));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('duplicated events → identical summary', () => {
    fc.assert(
      fc.property(
        clientTimeline().chain((events) => fc.tuple(fc.constant(events), fc.array(fc.constantFrom(...events), { maxLength: 20 }))),
        ([events, duplicates]) => {
          expect(summaryOrRefusal([...duplicates, ...events, ...duplicates])).toEqual(summaryOrRefusal(events));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is always finite, JSON-safe and small', () => {
    fc.assert(
      fc.property(clientTimeline(), (events) => {
        const summary = summaryOrRefusal(events);
        if ('refused' in summary) return;
        const json = JSON.stringify(summary);
        expect(JSON.parse(json)).toEqual(summary);
        expect(json).not.toMatch(/NaN|Infinity/);
        expect(json.length).toBeLessThan(100_000);
        // |Σwx| ≤ 2Σw and the denominator is ≥ √ρ·Σw, so |T − 50| ≤ 20/√0.3 whatever the goals.
        if (summary.gas.tScore !== null) expect(Math.abs(summary.gas.tScore - 50)).toBeLessThanOrEqual(20 / Math.sqrt(0.3) + 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});

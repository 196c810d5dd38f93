// Issue 11 §3: nothing about a client changes with time alone before its due time. Re-summarising
// the same events at any instant strictly before nextDueAt gives the same summary, asOf aside.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../functions/events/schema.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import { nextDueAt } from '../../functions/metrics/due-time.js';
import { clientTimeline } from './arbitrary-timeline.js';

const START = Date.parse('2024-11-01T00:00:00Z');
// Half-hour and 45-minute offsets, DST at midnight and a 30-minute DST shift.
const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/Santiago', 'Australia/Lord_Howe'];

const summaryAt = (events: Event[], asOf: string, timeZone: string) => {
  const { asOf: _, ...figures } = summarizeClient(events, { asOf, timeZone });
  return figures;
};

describe('nextDueAt', () => {
  it('re-summarising at any instant before it gives the same figures', () => {
    fc.assert(
      fc.property(
        clientTimeline(),
        fc.integer({ min: 0, max: 420 * 86_400_000 }),
        fc.constantFrom(...zones),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (events, offset, timeZone, fraction) => {
          const asOf = new Date(START + offset).toISOString();
          fc.pre(events.some((e) => Date.parse(e.occurredAt) <= START + offset));
          const summary = summarizeClient(events, { asOf, timeZone });
          const due = nextDueAt(summary, timeZone, events);
          expect(due).not.toBeNull();
          const dueMs = Date.parse(due!);
          expect(dueMs).toBeGreaterThan(START + offset);
          // At most a week ahead: an ISO week always ends.
          expect(dueMs - (START + offset)).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
          const { asOf: _, ...figures } = summary;
          const between = START + offset + Math.floor(fraction * (dueMs - START - offset));
          expect(summaryAt(events, new Date(between).toISOString(), timeZone)).toEqual(figures);
          expect(summaryAt(events, new Date(dueMs - 1).toISOString(), timeZone)).toEqual(figures);
        },
      ),
      { numRuns: 400 },
    );
  });
});

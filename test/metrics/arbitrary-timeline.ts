// fast-check generators of plausible (and deliberately messy) client timelines: goal ids and
// session ids collide, reviews may precede or lack their goal.set, times often coincide.
import fc from 'fast-check';
import type { Event } from '../../functions/events/schema.js';
import type { ClientSummary } from '../../functions/metrics/client-summary-types.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import { closed, discharged, enrolled, goalSet, measured, reviewed, session } from './event-builders.js';

const START = Date.parse('2024-11-01T00:00:00Z');
const at = fc.integer({ min: 0, max: 400 }).map((day) => new Date(START + day * 86_400_000 + (day % 3) * 3_600_000 * 7).toISOString());
const goalId = fc.constantFrom('g1', 'g2', 'g3');
const level = fc.integer({ min: -2, max: 2 });
const tenth = fc.integer({ min: 0, max: 100 }).map((n) => n / 10);

const eventBody = (who: { clientId: string; counselorId: string }) =>
  fc.oneof(
    at.map((t) => enrolled(t, who)),
    fc.tuple(at, fc.constantFrom('attended', 'no_show', 'cancelled'), fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6')).map(
      ([t, status, sessionId]) => session(t, status, { ...who, sessionId }),
    ),
    fc.tuple(at, goalId, fc.constantFrom('collaborative', 'directive'), fc.integer({ min: 1, max: 3 })).map(([t, g, mode, w]) =>
      goalSet(t, g, mode, w, who),
    ),
    fc.tuple(at, goalId, level).map(([t, g, l]) => reviewed(t, g, l, who)),
    fc.tuple(at, goalId, fc.constantFrom('achieved', 'not_achieved', 'abandoned'), fc.option(level, { nil: undefined })).map(
      ([t, g, outcome, l]) => closed(t, g, outcome, l, who),
    ),
    fc.tuple(at, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 12, maxLength: 12 })).map(([t, items]) =>
      measured(t, 'WAI-SR', items, who),
    ),
    fc.tuple(at, fc.constantFrom('SRS', 'ORS'), fc.array(tenth, { minLength: 4, maxLength: 4 })).map(([t, instrument, items]) =>
      measured(t, instrument, items, who),
    ),
    fc.tuple(at, fc.constantFrom('completed', 'dropped_out', 'transferred', 'other')).map(([t, reason]) => discharged(t, reason, who)),
  );

/** A client's events with unique ids (the index), so shuffling keeps every id's body. */
export const clientTimeline = (clientId = 'client-1', counselorIds: readonly string[] = ['counselor-1', 'counselor-2']) =>
  fc
    .array(
      fc.constantFrom(...counselorIds).chain((counselorId) => eventBody({ clientId, counselorId })),
      { minLength: 1, maxLength: 30 },
    )
    .map((events): Event[] => events.map((e, i) => ({ ...e, id: `${clientId}.e${i}` })));

export const AS_OF = '2025-12-01T00:00:00Z';

/** The summary context of the group-partial properties, and the counselors their clients share. */
export const SUMMARY_CONTEXT = { asOf: AS_OF, timeZone: 'Europe/Berlin' };
export const COUNSELORS = ['c1', 'c2', 'c3'];

/** A client's summary as of AS_OF, or none while every event of it lies ahead. */
const summariesAsOf = (events: Event[]): ClientSummary[] => {
  const before = events.filter((e) => Date.parse(e.occurredAt) <= Date.parse(AS_OF));
  return before.length === 0 ? [] : [summarizeClient(before, SUMMARY_CONTEXT)];
};

/** A client's summary as of AS_OF (none while every event lies ahead), over the given counselors. */
export const clientSummaries = (clientId: string, counselors: readonly string[] = COUNSELORS) => clientTimeline(clientId, counselors).map(summariesAsOf);

/** The summaries of a clinic of up to `most` clients, shared among COUNSELORS. */
export const clinicSummariesUpTo = (most: number) =>
  fc
    .integer({ min: 0, max: most })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => clientSummaries(`client-${i}`))))
    .map((clients) => clients.flat());

/** As stored: through JSON on the way to the store and back. */
export const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value));

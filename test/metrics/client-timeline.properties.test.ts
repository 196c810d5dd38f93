// The counselor's client timeline (functions/metrics/client-timeline.ts) against the summary the
// caseload row comes from: over messy generated timelines, both fold the same event set by the
// same rules, so every count and latest value agrees, and the order of the events does not matter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientTimeline as timelineOf } from '../../functions/metrics/client-timeline.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import { parseInstant } from '../../functions/metrics/instant.js';
import { AS_OF, clientTimeline } from './arbitrary-timeline.js';

const TIME_ZONE = 'Europe/Berlin';
const hasEventBy = (events: { occurredAt: string }[]) => events.some((e) => parseInstant(e.occurredAt) <= parseInstant(AS_OF));

describe('clientTimeline', () => {
  it('agrees with the client summary: sessions by status, goals and their levels, SRS and ORS', () => {
    fc.assert(
      fc.property(clientTimeline().filter(hasEventBy), (events) => {
        const timeline = timelineOf(events, AS_OF, TIME_ZONE);
        const summary = summarizeClient(events, { asOf: AS_OF, timeZone: TIME_ZONE });
        const count = (status: string) => timeline.sessions.filter((s) => s.status === status).length;
        // Every attended session belongs to an episode (it opens one if none is open); a no-show or
        // cancellation after a discharge with no return belongs to none, so the timeline may show more.
        const inEpisodes = (key: 'attended' | 'noShow' | 'cancelled') => summary.episodes.reduce((n, e) => n + e.attendance[key], 0);
        expect(count('attended')).toBe(inEpisodes('attended'));
        expect(count('no_show')).toBeGreaterThanOrEqual(inEpisodes('noShow'));
        expect(count('cancelled')).toBeGreaterThanOrEqual(inEpisodes('cancelled'));
        expect(timeline.goals.map((g) => g.goalId)).toEqual(summary.goals.map((g) => g.goalId));
        for (const [i, goal] of timeline.goals.entries()) {
          const record = summary.goals[i]!;
          // SPEC §3 xᵢ: the closing level if given, else the latest review — the timeline's last point.
          expect(goal.levels.at(-1)?.level ?? null).toBe(record.latestLevel);
          expect(goal.levels.length).toBe(record.reviews.length + (record.closed?.level != null ? 1 : 0));
          expect(goal.closed).toEqual(record.closed);
        }
        expect(timeline.measures.srs.map((m) => m.total)).toEqual(summary.alliance.srsTotals);
        expect(timeline.measures.ors[0]?.total ?? null).toBe(summary.outcome.orsFirst);
        expect(timeline.measures.ors.at(-1)?.total ?? null).toBe(summary.outcome.orsLatest);
        for (const point of [...timeline.sessions, ...timeline.measures.srs, ...timeline.measures.ors]) {
          expect(parseInstant(point.at)).toBeLessThanOrEqual(parseInstant(AS_OF));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('depends only on the set of events: shuffled and duplicated → identical timeline', () => {
    fc.assert(
      fc.property(
        clientTimeline().chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.constantFrom(...events), { maxLength: 10 })),
        ),
        ([events, shuffled, duplicates]) => {
          expect(timelineOf([...duplicates, ...shuffled], AS_OF, TIME_ZONE)).toEqual(timelineOf(events, AS_OF, TIME_ZONE));
        },
      ),
      { numRuns: 300 },
    );
  });
});

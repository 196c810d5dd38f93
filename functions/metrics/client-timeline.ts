// One client's course over time, for the counselor's timeline view (issue 8 §5): the GAS level of
// each goal at each review and at closure, every session with its final status, and the SRS and
// ORS totals in the order given. Folded from the client's event set by the same rules as the
// summary (canonical order, nothing after asOf, sessions corrected by sessionId, goals defined by
// their first goal.set), so the timeline and the caseload row never disagree.
import type { Event } from '../events/schema.js';
import type { GoalRecord } from './client-summary-types.js';
import { canonicalTimeline } from './event-timeline.js';
import { goalsOf } from './goals.js';
import { scoreVisualAnalogue } from './instrument-scores.js';
import { type Session, sessionsOf } from './sessions.js';

type TimedValue = { at: string; total: number };

type GoalCourse = Pick<GoalRecord, 'goalId' | 'mode' | 'domain' | 'setAt' | 'closed'> & {
  /** GAS levels (−2…+2) at each review, then the closing level when the closure gives one. */
  levels: { at: string; level: number }[];
};

export type ClientTimeline = {
  goals: GoalCourse[];
  sessions: { at: string; status: Session['status'] }[];
  measures: { srs: TimedValue[]; ors: TimedValue[] };
};

export function clientTimeline(events: readonly Event[], asOf: string, timeZone: string): ClientTimeline {
  const timeline = canonicalTimeline(events, asOf);
  const srs: TimedValue[] = [];
  const ors: TimedValue[] = [];
  for (const e of timeline) {
    if (e.type !== 'measure.recorded') continue;
    if (e.instrument === 'SRS') srs.push({ at: e.occurredAt, total: scoreVisualAnalogue(e.items) });
    else if (e.instrument === 'ORS') ors.push({ at: e.occurredAt, total: scoreVisualAnalogue(e.items) });
  }
  return {
    goals: goalsOf(timeline, timeZone).goals.map((g) => ({
      goalId: g.goalId,
      mode: g.mode,
      domain: g.domain,
      setAt: g.setAt,
      levels: g.closed?.level != null ? [...g.reviews, { at: g.closed.at, level: g.closed.level }] : g.reviews,
      closed: g.closed,
    })),
    sessions: sessionsOf(timeline).map((s) => ({ at: s.at, status: s.status })),
    measures: { srs, ors },
  };
}

// Per-goal records. A goal exists once a `goal.set` for its id is in the event set; the first
// `goal.set` of an id defines it. Reviews and closures of ids never set are counted as data-quality
// problems, not guessed at (SPEC §2: the goal.set may still arrive). The latest closure stands.
import type { Event } from '../events/schema.js';
import { calendarDaysBetween } from './clinic-calendar.js';
import type { GoalRecord } from './client-summary-types.js';

export type GoalFold = { goals: GoalRecord[]; unknownGoalEvents: number };

export function goalsOf(timeline: readonly Event[], timeZone: string): GoalFold {
  const goals = new Map<string, GoalRecord>();
  for (const e of timeline) {
    if (e.type === 'goal.set' && !goals.has(e.goalId)) {
      goals.set(e.goalId, {
        goalId: e.goalId,
        mode: e.mode,
        domain: e.domain,
        weight: e.weight,
        setAt: e.occurredAt,
        reviews: [],
        latestLevel: null,
        closed: null,
        daysToAttainment: null,
      });
    }
  }
  let unknownGoalEvents = 0;
  for (const e of timeline) {
    if (e.type !== 'goal.reviewed' && e.type !== 'goal.closed') continue;
    const goal = goals.get(e.goalId);
    if (!goal) {
      unknownGoalEvents += 1;
      continue;
    }
    if (e.type === 'goal.reviewed') goal.reviews.push({ at: e.occurredAt, level: e.level });
    else goal.closed = { outcome: e.outcome, at: e.occurredAt, level: e.level ?? null };
  }
  for (const goal of goals.values()) {
    // SPEC §3: xᵢ is the closing level if given, else the latest review.
    goal.latestLevel = goal.closed?.level ?? goal.reviews.at(-1)?.level ?? null;
    if (goal.closed?.outcome === 'achieved') {
      goal.daysToAttainment = Math.max(0, calendarDaysBetween(goal.setAt, goal.closed.at, timeZone));
    }
  }
  return { goals: [...goals.values()], unknownGoalEvents };
}

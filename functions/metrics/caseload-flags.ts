// SPEC §3 counselor caseload flags, each with the one line that says why it was raised.
import type { Session } from './sessions.js';
import { dateOfDay, localDayNumber } from './clinic-calendar.js';
import type { CaseloadFlag, GoalRecord } from './client-summary-types.js';

// SPEC §4: an SRS total below 36 signals an alliance problem; ORS reliable change is 5 points.
export const SRS_ALLIANCE_THRESHOLD = 36;
export const ORS_RELIABLE_CHANGE = 5;
export const STALLED_REVIEW_DAYS = 30;

export type FlagInputs = {
  sessions: readonly Session[];
  goals: readonly GoalRecord[];
  srsLatest: number | null;
  orsFirst: number | null;
  orsLatest: number | null;
  orsCount: number;
  /** The as-of day in the clinic's zone (localDayNumber), which the summary has worked out already. */
  asOfDay: number;
  timeZone: string;
};

export function caseloadFlags(input: FlagInputs): CaseloadFlag[] {
  const flags: CaseloadFlag[] = [];
  const attended = input.sessions.filter((s) => s.status === 'attended').length;
  if (attended >= 2 && input.goals.length === 0) {
    flags.push({ flag: 'no_goals', reason: `${attended} sessions attended and no goal set yet: the goal-setting conversation is due` });
  }
  // Cancelled sessions were never held, so they neither break nor make a run of no-shows.
  const held = input.sessions.filter((s) => s.status !== 'cancelled');
  if (held.length >= 2 && held.slice(-2).every((s) => s.status === 'no_show')) {
    flags.push({ flag: 'missed_sessions', reason: 'the last 2 sessions that were not cancelled were no-shows' });
  }
  if (input.srsLatest !== null && input.srsLatest < SRS_ALLIANCE_THRESHOLD) {
    flags.push({ flag: 'alliance_risk', reason: `latest SRS total ${input.srsLatest} is below ${SRS_ALLIANCE_THRESHOLD}` });
  }
  const stalled = input.goals.flatMap((g) => stalledReason(g, input.asOfDay, input.timeZone) ?? []);
  if (stalled.length > 0) flags.push({ flag: 'stalled_goal', reason: stalled.join('; ') });
  if (
    input.orsCount >= 2 &&
    input.orsFirst !== null &&
    input.orsLatest !== null &&
    input.orsLatest <= input.orsFirst - ORS_RELIABLE_CHANGE
  ) {
    flags.push({ flag: 'deteriorating', reason: `ORS fell from ${input.orsFirst} to ${input.orsLatest}` });
  }
  return flags;
}

/** The last two reviews at −1 or below stall a goal whatever the date. */
export const stalledByReviews = (reviews: GoalRecord['reviews']): boolean => reviews.length >= 2 && reviews.slice(-2).every((r) => r.level <= -1);

/** When a goal was last worked on: its last review, else when it was set. */
export const goalLastContact = (goal: GoalRecord): string => goal.reviews.at(-1)?.at ?? goal.setAt;

function stalledReason(goal: GoalRecord, asOfDay: number, timeZone: string): string | undefined {
  if (goal.closed) return undefined;
  if (stalledByReviews(goal.reviews)) {
    const [before, last] = goal.reviews.slice(-2);
    return `goal ${goal.goalId}: last two reviews at ${before!.level} and ${last!.level}`;
  }
  const lastContactDay = localDayNumber(goalLastContact(goal), timeZone);
  if (asOfDay - lastContactDay < STALLED_REVIEW_DAYS) return undefined;
  // The reason names the date, not a count of days, so that it changes only when the events do (due-time.ts).
  const since = dateOfDay(lastContactDay);
  return goal.reviews.length === 0 ? `goal ${goal.goalId}: set on ${since} and never reviewed` : `goal ${goal.goalId}: no review since ${since}`;
}

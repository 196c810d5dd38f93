// When a client's figures next change with time alone (issue 11 §3), so that the aggregation
// re-derives only the clients that are due instead of every client whenever a day turns. The
// aggregation takes clientDueTimes, the rules that move the client's own figures: the turn of the
// week and month moves only the trend windows, which the clinic task moves for the whole clinic.
//
//   nextDueAt(summary: ClientSummary, timeZone: string, events: readonly Event[]): string | null
//
// The earliest instant strictly after summary.asOf at which summarizeClient over the same events
// could give other figures than `summary` (asOf aside), or at which a trend window moves on; null
// only if nothing ever will (never, in practice: a week always ends). `events` are the client's
// events, any of them: only those dated after asOf count. `timeZone` is the clinic's IANA zone,
// the one the summary was made in. Pure; an ISO 8601 UTC instant, to the millisecond.
//
// The rules, each a candidate instant (dueTimes lists them, nextDueAt takes the earliest):
//  - retention30 / retention90: an episode becomes eligible at the start of its clinic-local day
//    start + 30 (+ 90) (SPEC §3: eligible when start ≤ T − D);
//  - lost_to_contact: an open episode with no attended session for 60 days counts as a dropout from
//    the start of local day (last attended session, else start) + 60;
//  - stalled_goal: while the flags are raised (the latest episode open), an open goal not already
//    stalled by its reviews stalls at the start of local day (last review, else set) + 30;
//  - future_event: an event dated after asOf (SPEC §2 allows 24 h ahead) counts from its instant;
//  - week_end / month_end: the next ISO week and calendar month begin in the clinic zone, where the
//    caseload's 26 weeks and the monthly trends move on.
// Local days start at local midnight (or where a DST gap ends it: clinic-calendar.ts).
import type { Event } from '../events/schema.js';
import { localDayNumber, localDayStartAt, nextMondayOfDay, nextMonthStartOfDay } from './clinic-calendar.js';
import { STALLED_REVIEW_DAYS, goalLastContact, stalledByReviews } from './caseload-flags.js';
import { LOST_TO_CONTACT_DAYS, RETENTION_DAYS } from './client-summary.js';
import type { ClientSummary } from './client-summary-types.js';
import { parseInstant } from './instant.js';

export type DueRule = 'retention30' | 'retention90' | 'lost_to_contact' | 'stalled_goal' | 'future_event' | 'week_end' | 'month_end';
export type DueTime = { rule: DueRule; at: string };

export function nextDueAt(summary: ClientSummary, timeZone: string, events: readonly Event[]): string | null {
  return earliestInstant(dueTimes(summary, timeZone, events).map((d) => d.at)) ?? null;
}

/** The earliest of ISO instants in UTC (they compare as strings); undefined for none. */
export function earliestInstant(instants: readonly (string | undefined)[]): string | undefined {
  let earliest: string | undefined;
  for (const at of instants) if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
  return earliest;
}

/** When the first event after `asOfMs` happens (events may be sent up to 24 h ahead); undefined for none. */
export function firstEventAfter(events: readonly Event[], asOfMs: number): string | undefined {
  let first = Infinity;
  for (const e of events) {
    const at = parseInstant(e.occurredAt);
    if (at > asOfMs && at < first) first = at;
  }
  return first < Infinity ? new Date(first).toISOString() : undefined;
}

/** Every rule's next instant after asOf, for the rules that have one. */
export const dueTimes = (summary: ClientSummary, timeZone: string, events: readonly Event[]): DueTime[] => [
  ...clientDueTimes(summary, timeZone, events),
  ...calendarDueTimes(summary.asOf, timeZone),
];

/** The instant local day `day` starts, as a due time of `rule`. */
const dueOnDay = (rule: DueRule, day: number, timeZone: string): DueTime => ({ rule, at: new Date(localDayStartAt(day, timeZone)).toISOString() });

/** The rules that move the client's own figures: all but the turn of the week and month. */
export function clientDueTimes(summary: ClientSummary, timeZone: string, events: readonly Event[]): DueTime[] {
  const asOfDay = localDayNumber(summary.asOf, timeZone);
  const due: DueTime[] = [];
  const atDay = (rule: DueRule, day: number) => {
    if (day > asOfDay) due.push(dueOnDay(rule, day, timeZone));
  };
  for (const episode of summary.episodes) {
    if (episode.start === null) continue;
    const startDay = localDayNumber(episode.start, timeZone);
    atDay('retention30', startDay + RETENTION_DAYS.day30);
    atDay('retention90', startDay + RETENTION_DAYS.day90);
    if (episode.discharge === null) {
      atDay('lost_to_contact', localDayNumber(episode.lastAttendedAt ?? episode.start, timeZone) + LOST_TO_CONTACT_DAYS);
    }
  }
  // Flags are raised only while the latest episode is open, or before any began (client-summary.ts).
  if (summary.episodes.at(-1)?.discharge == null) {
    for (const goal of summary.goals) {
      if (goal.closed || stalledByReviews(goal.reviews)) continue;
      atDay('stalled_goal', localDayNumber(goalLastContact(goal), timeZone) + STALLED_REVIEW_DAYS);
    }
  }
  const firstFuture = firstEventAfter(events, parseInstant(summary.asOf));
  if (firstFuture) due.push({ rule: 'future_event', at: firstFuture });
  return due;
}

/** The turn of the ISO week and of the calendar month in the clinic zone, where trend windows move on. */
function calendarDueTimes(asOf: string, timeZone: string): DueTime[] {
  // Both days come after the as-of day, whatever it is.
  const asOfDay = localDayNumber(asOf, timeZone);
  return [dueOnDay('week_end', nextMondayOfDay(asOfDay), timeZone), dueOnDay('month_end', nextMonthStartOfDay(asOfDay), timeZone)];
}

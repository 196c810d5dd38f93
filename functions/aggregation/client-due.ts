// When a client must next be re-derived with no new event: the engine's due rules (retention
// eligibility, 60 days without contact, a stalled goal, a future-dated event), less the turn of the
// week and month. Those move no client's summary, only the windows of the views over them, and
// the clinic task moves those for the whole clinic when the week turns (clinic-task.ts), so that
// a week's end does not re-derive every client.
import type { Event } from '../events/schema.js';
import { dueTimes, earliestInstant, firstEventAfter, type ClientSummary } from '../metrics/index.js';
import { parseInstant } from '../metrics/instant.js';

const CALENDAR_RULES = new Set(['week_end', 'month_end']);

/** Undefined when nothing about the client changes with time alone. */
export function clientDueAt(events: readonly Event[], summary: ClientSummary | null, asOf: string, timeZone: string): string | undefined {
  if (summary) {
    return earliestInstant(dueTimes(summary, timeZone, events).flatMap((d) => (CALENDAR_RULES.has(d.rule) ? [] : [d.at])));
  }
  // No summary yet: every event is still in the future; the first of them makes one.
  return firstEventAfter(events, parseInstant(asOf));
}

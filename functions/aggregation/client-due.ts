// When a client must next be re-derived with no new event: the engine's due rules (retention
// eligibility, 60 days without contact, a stalled goal, a future-dated event), less the turn of the
// week and month. Those move no client's summary, only the windows of the views over them, and
// the clinic task moves those for the whole clinic when the week turns (clinic-task.ts), so that
// a week's end does not re-derive every client.
import type { Event } from '../events/schema.js';
import { clientDueTimes, earliestInstant, firstEventAfter, type ClientSummary } from '../metrics/index.js';
import { parseInstant } from '../metrics/instant.js';

/** Undefined when nothing about the client changes with time alone. */
export function clientDueAt(events: readonly Event[], summary: ClientSummary | null, asOf: string, timeZone: string): string | undefined {
  if (summary) {
    return earliestInstant(clientDueTimes(summary, timeZone, events).map((d) => d.at));
  }
  // No summary yet: every event is still in the future; the first of them makes one.
  return firstEventAfter(events, parseInstant(asOf));
}

/**
 * The due time a re-derived client keeps: a stored one that moves later is left where it is (the
 * client is looked at then, finds nothing due yet and moves it on). Most events move a client's due
 * time later (60 days from the last contact), so this saves two writes an event for one when the
 * early time comes.
 */
export const keptDueAt = (stored: string | undefined, exact: string | undefined, asOf: string): string | undefined =>
  stored !== undefined && stored > asOf && (!exact || stored < exact) ? stored : exact;

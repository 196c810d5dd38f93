// When a client's figures next change with time alone, so a run re-derives only the clients that
// are due. Until the engine's own nextDueAt lands, a conservative bound: the client's next
// future-dated event (SPEC §2 lets events arrive up to 24 h ahead), and otherwise the next turn of
// the calendar day in the clinic zone, since every day-counted figure (retention eligibility, 60
// days without contact, a stalled goal at 30 days) can move only at a day turn.
import type { Event } from '../events/schema.js';
import { localDayNumber } from '../metrics/clinic-calendar.js';
import { parseInstant } from '../metrics/instant.js';

/** The first instant after `asOf` that falls on a later calendar day in the zone. */
export function nextLocalDayStart(asOf: string, timeZone: string): string {
  const day = localDayNumber(asOf, timeZone);
  // A calendar day lasts at most 25 h (DST); bisect the instant the day number changes.
  let before = parseInstant(asOf);
  let after = before + 26 * 3_600_000;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (localDayNumber(new Date(middle).toISOString(), timeZone) > day) after = middle;
    else before = middle;
  }
  return new Date(after).toISOString();
}

/** Undefined when nothing about the client changes with time (no events at all). */
export function clientDueAt(events: readonly Event[], hasSummary: boolean, asOf: string, timeZone: string): string | undefined {
  const asOfMs = parseInstant(asOf);
  let firstFuture = Infinity;
  for (const e of events) {
    const at = parseInstant(e.occurredAt);
    if (at > asOfMs && at < firstFuture) firstFuture = at;
  }
  const candidates = [Number.isFinite(firstFuture) ? firstFuture : Infinity, hasSummary ? parseInstant(nextLocalDayStart(asOf, timeZone)) : Infinity];
  const due = Math.min(...candidates);
  return Number.isFinite(due) ? new Date(due).toISOString() : undefined;
}

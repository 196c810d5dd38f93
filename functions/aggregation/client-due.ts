// When a client must next be re-derived with no new event: the engine's due rules (retention
// eligibility, 60 days without contact, a stalled goal, a future-dated event), less the turn of the
// week and month. Those move no client's summary, only the windows of the views over them, and
// the clinic task moves those for the whole clinic when the week turns (clinic-task.ts), so that
// a week's end does not re-derive every client.
import type { Event } from '../events/schema.js';
import { dueTimes, type ClientSummary } from '../metrics/index.js';
import { parseInstant } from '../metrics/instant.js';

const CALENDAR_RULES = new Set(['week_end', 'month_end']);

/** Undefined when nothing about the client changes with time alone. */
export function clientDueAt(events: readonly Event[], summary: ClientSummary | null, asOf: string, timeZone: string): string | undefined {
  if (summary) {
    const times = dueTimes(summary, timeZone, events).filter((d) => !CALENDAR_RULES.has(d.rule));
    return times.reduce<string | undefined>((min, d) => (min === undefined || d.at < min ? d.at : min), undefined);
  }
  // No summary yet: every event is still in the future; the first of them makes one.
  const asOfMs = parseInstant(asOf);
  const first = Math.min(...events.map((e) => parseInstant(e.occurredAt)).filter((at) => at > asOfMs));
  return Number.isFinite(first) ? new Date(first).toISOString() : undefined;
}

// Sessions are identified by sessionId, not event id: a second event for the same session is the
// clinic's correction of its status (events are immutable, so corrections arrive as new events).
// The event with the latest occurredAt wins; at the same occurredAt (a correction dated to the
// session itself) attended beats no_show beats cancelled — a record of attendance is positive
// evidence — so the outcome never hangs on how producers happen to spell their event ids.
import type { Event, EventOf } from '../events/schema.js';
import { parseInstant } from './instant.js';

type Status = EventOf<'session.recorded'>['status'];
export type Session = { sessionId: string; at: string; status: Status; eventId: string };

const PRECEDENCE: Record<Status, number> = { cancelled: 0, no_show: 1, attended: 2 };

/** Sessions in the canonical order of their winning events (episodes.ts relies on it). */
export function sessionsOf(timeline: readonly Event[]): Session[] {
  const bySession = new Map<string, Session>();
  for (const e of timeline) {
    if (e.type !== 'session.recorded') continue;
    const kept = bySession.get(e.sessionId);
    if (kept) {
      // The timeline is in canonical order, so e is never earlier than the kept record.
      if (parseInstant(kept.at) === parseInstant(e.occurredAt) && PRECEDENCE[kept.status] > PRECEDENCE[e.status]) continue;
      bySession.delete(e.sessionId); // re-insert so Map order follows the winning event's position
    }
    bySession.set(e.sessionId, { sessionId: e.sessionId, at: e.occurredAt, status: e.status, eventId: e.id });
  }
  return [...bySession.values()];
}

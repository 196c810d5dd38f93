// SPEC §2: every figure is a function of the SET of events. Duplicates (same id) collapse to one,
// order is canonical (occurredAt, then id), and nothing after the as-of time is seen.
import type { Event } from '../events/schema.js';
import { parseInstant } from './instant.js';

export function canonicalTimeline(events: readonly Event[], asOf: string): Event[] {
  const cutoff = parseInstant(asOf);
  const byId = new Map<string, Event>();
  for (const event of events) {
    // Ingest refuses a second body under one id (SPEC §2), so keeping the smallest serialisation
    // only matters for hand-built input, and keeps the choice order-independent there too.
    const kept = byId.get(event.id);
    if (!kept || JSON.stringify(event) < JSON.stringify(kept)) byId.set(event.id, event);
  }
  // Each occurredAt is parsed once here, not twice in every comparison of the sort.
  const timed: { event: Event; ms: number }[] = [];
  for (const event of byId.values()) {
    const ms = parseInstant(event.occurredAt);
    if (ms <= cutoff) timed.push({ event, ms });
  }
  timed.sort(canonicalOrder);
  return timed.map(untimed);
}

const canonicalOrder = (x: { event: Event; ms: number }, y: { event: Event; ms: number }) =>
  x.ms - y.ms || (x.event.id < y.event.id ? -1 : x.event.id > y.event.id ? 1 : 0);
const untimed = (t: { event: Event }) => t.event;

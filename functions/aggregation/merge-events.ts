import type { Event } from '../events/schema.js';

/** The union of two event sets by id. Ingest refuses a second body under an id, so either copy will do. */
export function mergeEvents(known: readonly Event[], added: readonly Event[]): { events: Event[]; grew: boolean } {
  const byId = new Map(known.map((e) => [e.id, e]));
  const before = byId.size;
  for (const e of added) if (!byId.has(e.id)) byId.set(e.id, e);
  return { events: [...byId.values()], grew: byId.size > before };
}

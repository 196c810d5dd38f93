// A validated batch is written as parallel conditional puts: every event is either stored, a
// duplicate of what is stored, or a conflict; nothing is overwritten. Then each clinic's count of
// stored events grows by what was stored (one write per batch), after the events themselves: the
// aggregation trusts the count only as a lower bound of what its change feed must show it.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Event } from '../events/schema.js';
import { countStoredEvents } from './clinic-aggregation.js';
import { putEvent } from './put-event.js';

export interface PutEventsResult {
  stored: string[];
  duplicates: string[];
  conflicts: string[];
}

export async function putEvents(db: DynamoDBDocumentClient, events: Event[], ingestedAt: string): Promise<PutEventsResult> {
  const outcomes = await Promise.all(events.map((event) => putEvent(db, event, ingestedAt)));
  const result: PutEventsResult = { stored: [], duplicates: [], conflicts: [] };
  const lists = { stored: result.stored, duplicate: result.duplicates, conflict: result.conflicts };
  const storedPerClinic = new Map<string, number>();
  outcomes.forEach((outcome, i) => {
    const event = events[i]!;
    lists[outcome].push(event.id);
    if (outcome === 'stored') storedPerClinic.set(event.clinicId, (storedPerClinic.get(event.clinicId) ?? 0) + 1);
  });
  await Promise.all([...storedPerClinic].map(([clinicId, count]) => countStoredEvents(db, clinicId, count, ingestedAt)));
  return result;
}

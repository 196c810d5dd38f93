// A validated batch is written as parallel conditional puts: every event is either stored, a
// duplicate of what is stored, or a conflict; nothing is overwritten.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Event } from '../events/schema.js';
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
  for (const [i, outcome] of outcomes.entries()) lists[outcome].push(events[i]!.id);
  return result;
}

// Idempotent ingest of one event: a conditional put keyed by (clinic, event id). BatchWriteItem
// cannot carry conditions and dynalite has no transactions (SPEC §8), so this is the only way to
// make "same id, different body" a 409 instead of a silent overwrite.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Event } from '../events/schema.js';
import { eventFingerprint } from '../events/fingerprint.js';
import { eventKeys } from './keys.js';
import { tableName } from './table.js';

export type PutEventOutcome = 'stored' | 'duplicate' | 'conflict';

export function eventItem(event: Event, ingestedAt: string) {
  return {
    ...eventKeys.primary(event.clinicId, event.id),
    ...eventKeys.change(event.clinicId, ingestedAt, event.id),
    clinicId: event.clinicId,
    clientId: event.clientId,
    eventId: event.id,
    ingestedAt,
    fingerprint: eventFingerprint(event),
    event,
  };
}

export async function putEvent(db: DynamoDBDocumentClient, event: Event, ingestedAt: string): Promise<PutEventOutcome> {
  const item = eventItem(event, ingestedAt);
  try {
    await db.send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return 'stored';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const existing = await db.send(
    new GetCommand({
      TableName: tableName(),
      Key: eventKeys.primary(event.clinicId, event.id),
      ProjectionExpression: 'fingerprint',
      ConsistentRead: true,
    }),
  );
  return existing.Item?.fingerprint === item.fingerprint ? 'duplicate' : 'conflict';
}

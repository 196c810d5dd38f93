import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Event } from '../events/schema.js';
import { TIMELINE_INDEX, eventKeys } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

/** One client's events in the order they happened. */
export async function clientTimeline(db: DynamoDBDocumentClient, clinicId: string, clientId: string): Promise<Event[]> {
  const items = await queryAll<{ event: Event }>(db, {
    TableName: tableName(),
    IndexName: TIMELINE_INDEX,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': eventKeys.timelinePartition(clinicId, clientId) },
    ProjectionExpression: 'event',
  });
  return items.map((i) => i.event);
}

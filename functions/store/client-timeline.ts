// One client's events, for support and tests: read from the clinic's change feed with a filter.
// Nothing on the aggregation's or the API's path reads it, so it needs no index of its own (the
// read costs the clinic's whole feed).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Event } from '../events/schema.js';
import { CHANGES_INDEX, eventKeys } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

/** One client's events in the order they happened. */
export async function clientTimeline(db: DynamoDBDocumentClient, clinicId: string, clientId: string): Promise<Event[]> {
  const items = await queryAll<{ event: Event }>(db, {
    TableName: tableName(),
    IndexName: CHANGES_INDEX,
    KeyConditionExpression: 'gsi2pk = :pk',
    FilterExpression: 'clientId = :client',
    ExpressionAttributeValues: { ':pk': eventKeys.changesPartition(clinicId), ':client': clientId },
    ProjectionExpression: 'event',
  });
  return items.map((i) => i.event).sort((x, y) => Date.parse(x.occurredAt) - Date.parse(y.occurredAt) || (x.id < y.id ? -1 : 1));
}

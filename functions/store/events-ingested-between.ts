import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Event } from '../events/schema.js';
import { CHANGES_INDEX, eventKeys } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

/** The events of one clinic ingested in [from, to): what changed since a point in time. */
export async function eventsIngestedBetween(
  db: DynamoDBDocumentClient,
  clinicId: string,
  from: string,
  to: string,
): Promise<Event[]> {
  const items = await queryAll<{ event: Event }>(db, {
    TableName: tableName(),
    IndexName: CHANGES_INDEX,
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': eventKeys.changesPartition(clinicId),
      ':from': eventKeys.changeBound(from),
      // A sort key is `${ingestedAt}#${id}`, longer than the bare bound, so events ingested at `to` sort after it.
      ':to': eventKeys.changeBound(to),
    },
    ProjectionExpression: 'event',
  });
  return items.map((i) => i.event);
}

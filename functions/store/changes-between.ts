import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Event } from '../events/schema.js';
import { CHANGES_INDEX, eventKeys } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export interface Change {
  event: Event;
  ingestedAt: string;
}

/** A clinic's change feed from `from` through `through` (ingest times, inclusive): the events and when each was stored. */
export async function changesBetween(db: DynamoDBDocumentClient, clinicId: string, from: string, through: string): Promise<Change[]> {
  return queryAll<Change>(db, {
    TableName: tableName(),
    IndexName: CHANGES_INDEX,
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :through',
    ExpressionAttributeValues: {
      ':pk': eventKeys.changesPartition(clinicId),
      ':from': eventKeys.changeBound(from),
      // A sort key is `${ingestedAt}#${id}`: '$' sorts after '#', so every change stored at `through` is in.
      ':through': `${eventKeys.changeBound(through)}$`,
    },
    ProjectionExpression: 'event, ingestedAt',
  });
}

// One aggregation at a time, across processes and Lambda instances: a lease taken with a
// conditional put. A run that dies without releasing it blocks others only until it expires.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { aggregationKeys } from './keys.js';
import { tableName } from './table.js';

export async function acquireAggregationLease(
  db: DynamoDBDocumentClient,
  owner: string,
  now: Date,
  durationMs: number,
): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...aggregationKeys.lease(), owner, expiresAt: new Date(now.getTime() + durationMs).toISOString() },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function releaseAggregationLease(db: DynamoDBDocumentClient, owner: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: aggregationKeys.lease(),
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner },
      }),
    );
  } catch (error) {
    // Expired and taken over by another run: theirs to release.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

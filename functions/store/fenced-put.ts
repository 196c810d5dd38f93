// Writes of a clinic task, fenced: each item carries the fence of the task's lease and replaces a
// stored item only if that one's fence is not newer. A task that stalled past its lease while a
// newer task ran fails here instead of putting older figures over newer ones. (Conditional puts
// cost what batch puts cost: one write unit per KB either way.)
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retryThrottled } from './retry-throttled.js';
import { tableName } from './table.js';

const PARALLEL_PUTS = 16;

export class SupersededError extends Error {
  constructor() {
    super('a newer aggregation task already wrote these figures');
  }
}

export async function fencedPutAll(db: DynamoDBDocumentClient, items: readonly Record<string, unknown>[], fence: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await retryThrottled(() =>
          db.send(
            new PutCommand({
              TableName: tableName(),
              Item: { ...item, fence },
              ConditionExpression: 'attribute_not_exists(pk) OR fence <= :fence',
              ExpressionAttributeValues: { ':fence': fence },
            }),
          ),
        );
      } catch (error) {
        throw error instanceof ConditionalCheckFailedException ? new SupersededError() : error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_PUTS, items.length) }, worker));
}

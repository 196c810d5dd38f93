// Writes of a clinic task, fenced: each item carries the fence of the task's lease and replaces a
// stored item only if that one's fence is not newer. A task that stalled past its lease while a
// newer task ran fails here instead of putting older figures over newer ones. (Conditional puts
// cost what batch puts cost: one write unit per KB either way.)
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PrimaryKey } from './keys.js';
import { tableName } from './table.js';

const PARALLEL_PUTS = 16;

export class SupersededError extends Error {
  constructor() {
    super('a newer aggregation task already wrote these figures');
  }
}

/** Puts every item, and deletes every key of `removed` (items that no longer describe anything). */
export async function fencedPutAll(
  db: DynamoDBDocumentClient,
  items: readonly Record<string, unknown>[],
  fence: number,
  removed: readonly PrimaryKey[] = [],
): Promise<void> {
  const condition = { ConditionExpression: 'attribute_not_exists(pk) OR fence <= :fence', ExpressionAttributeValues: { ':fence': fence } };
  const writes = [
    ...items.map((item) => () => db.send(new PutCommand({ TableName: tableName(), Item: { ...item, fence }, ...condition }))),
    ...removed.map((Key) => () => db.send(new DeleteCommand({ TableName: tableName(), Key, ...condition }))),
  ];
  let next = 0;
  const worker = async () => {
    while (next < writes.length) {
      const write = writes[next++]!;
      try {
        await write();
      } catch (error) {
        throw error instanceof ConditionalCheckFailedException ? new SupersededError() : error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_PUTS, writes.length) }, worker));
}

// A long batch write keeps only a few chunks in flight: a full run of a large clinic writes
// thousands of chunks, and sending them all at once held every request body in memory at once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../functions/local/embedded-dynamodb.js';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { batchWriteAll } from '../../functions/store/batch-write.js';
import { tableName } from '../../functions/store/table.js';

let dynamo: EmbeddedDynamoDb;
beforeAll(async () => {
  dynamo = await startEmbeddedDynamoDb();
  process.env.TABLE_NAME = 'batch-write';
  await ensureTable(createDocumentClient(dynamo.endpoint));
});
afterAll(() => dynamo.close());

it('writes 1,000 items in chunks of 25, several at once but never more than 16 in flight', async () => {
  const db = createDocumentClient(dynamo.endpoint);
  const send = db.send.bind(db) as DynamoDBDocumentClient['send'];
  let inFlight = 0;
  let most = 0;
  let chunks = 0;
  const watched = new Proxy(db, {
    get: (target, prop, receiver) =>
      prop === 'send'
        ? async (command: Parameters<typeof send>[0]) => {
            chunks += 1;
            inFlight += 1;
            most = Math.max(most, inFlight);
            try {
              return await send(command);
            } finally {
              inFlight -= 1;
            }
          }
        : Reflect.get(target, prop, receiver),
  });
  const items = Array.from({ length: 1_000 }, (_, i) => ({ pk: `W#${i}`, sk: 'X', value: i }));
  await batchWriteAll(watched, items);
  expect(chunks).toBe(40);
  expect(most).toBeGreaterThan(1);
  expect(most).toBeLessThanOrEqual(16);
  let stored = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName(), Select: 'COUNT', ExclusiveStartKey }));
    stored += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  expect(stored).toBe(1_000);
});

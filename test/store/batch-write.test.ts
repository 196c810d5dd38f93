// A long batch write keeps only a few chunks in flight: a full run of a large clinic writes
// thousands of chunks, and sending them all at once held every request body in memory at once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../functions/local/embedded-dynamodb.js';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { batchWriteAll } from '../../functions/store/batch-write.js';
import { countItems } from '../support/count-items.js';
import { wrapStore } from '../support/wrap-store.js';

let dynamo: EmbeddedDynamoDb;
beforeAll(async () => {
  dynamo = await startEmbeddedDynamoDb();
  process.env.TABLE_NAME = 'batch-write';
  await ensureTable(createDocumentClient(dynamo.endpoint));
});
afterAll(() => dynamo.close());

/** The client with every send counted; `fail(n)` may throw for the n-th send instead of sending it. */
function watched(fail: (n: number) => boolean = () => false) {
  const db = createDocumentClient(dynamo.endpoint);
  const seen = { sends: 0, inFlight: 0, most: 0 };
  const client = wrapStore(db, async (command, send) => {
    seen.sends += 1;
    const n = seen.sends;
    seen.inFlight += 1;
    seen.most = Math.max(seen.most, seen.inFlight);
    try {
      if (fail(n)) {
        await Promise.resolve();
        throw new Error(`send ${n} failed`);
      }
      return await send(command as never);
    } finally {
      seen.inFlight -= 1;
    }
  });
  return { db, client, seen };
}

const itemsFrom = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ pk: `${prefix}#${i}`, sk: 'X', value: i }));

const storedWith = (db: DynamoDBDocumentClient, prefix: string) => countItems(db, `${prefix}#`);

it('writes 1,000 items in chunks of 25, several at once but never more than 16 in flight', async () => {
  const { db, client, seen } = watched();
  await batchWriteAll(client, itemsFrom('W', 1_000));
  expect(seen.sends).toBe(40);
  expect(seen.most).toBeGreaterThan(1);
  expect(seen.most).toBeLessThanOrEqual(16);
  expect(await storedWith(db, 'W')).toBe(1_000);
});

it('after a chunk fails, starts no other chunk and fails only once those in flight have settled', async () => {
  const { db, client, seen } = watched((n) => n === 3);
  let inFlightWhenTold = -1;
  const outcome = batchWriteAll(client, itemsFrom('F', 1_000)).catch((error: Error) => {
    inFlightWhenTold = seen.inFlight;
    return error;
  });
  expect(await outcome).toMatchObject({ message: 'send 3 failed' });
  expect(inFlightWhenTold).toBe(0);
  // The first 16 chunks were on their way when the third failed; none of the other 24 started.
  expect(seen.sends).toBe(16);
  expect(await storedWith(db, 'F')).toBe(15 * 25);
});

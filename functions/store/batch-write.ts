// BatchWriteItem takes 25 puts at a time and may hand some back as UnprocessedItems under load;
// those go again in rounds with backoff (retry-policy.ts) until every item is stored; each call
// itself is retried by the client.
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PrimaryKey } from './keys.js';
import { tableName } from './table.js';
import { MAX_ROUNDS, backoffPause, type Pause } from './retry-policy.js';

const BATCH_SIZE = 25;
const CHUNKS_IN_FLIGHT = 16;

export class UnprocessedItemsError extends Error {
  constructor(readonly remaining: number) {
    super(`${remaining} items were still unprocessed after ${MAX_ROUNDS} rounds of retries`);
  }
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: PrimaryKey } };

/** Writes every item; resolves with the write capacity the table reported. */
export function batchWriteAll(
  db: DynamoDBDocumentClient,
  items: Record<string, unknown>[],
  table = tableName(),
  pause: Pause = backoffPause,
): Promise<{ capacityUnits: number }> {
  return batchWrite(db, items.map((Item) => ({ PutRequest: { Item } })), table, pause);
}

/** Puts every item and deletes every key of `removed`; no key may be in both. */
export function batchPutAndDelete(db: DynamoDBDocumentClient, items: Record<string, unknown>[], removed: readonly PrimaryKey[]): Promise<{ capacityUnits: number }> {
  return batchWrite(db, [...items.map((Item) => ({ PutRequest: { Item } })), ...removed.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } }))]);
}

async function batchWrite(db: DynamoDBDocumentClient, all: WriteRequest[], table = tableName(), pause: Pause = backoffPause): Promise<{ capacityUnits: number }> {
  let capacityUnits = 0;
  const writeChunk = async (chunk: WriteRequest[]) => {
    let requests = chunk;
    for (let round = 0; requests.length > 0; round++) {
      if (round === MAX_ROUNDS) throw new UnprocessedItemsError(requests.length);
      if (round > 0) await pause(round);
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests }, ReturnConsumedCapacity: 'TOTAL' }));
      capacityUnits += result.ConsumedCapacity?.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0) ?? 0;
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  };
  // A few chunks in flight at a time: a full run of a large clinic writes thousands of chunks, and
  // sending them all at once held every request body in memory while the SDK queued them for its
  // 50 sockets (and would meet a busy table with a burst it throttles). After a failure no chunk
  // starts, and the call fails only once those in flight have settled: none of its writes lands
  // after its caller has been told.
  let next = 0;
  let failed: { error: unknown } | undefined;
  const writer = async () => {
    while (!failed && next * BATCH_SIZE < all.length) {
      const start = BATCH_SIZE * next++;
      try {
        await writeChunk(all.slice(start, start + BATCH_SIZE));
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHUNKS_IN_FLIGHT, Math.ceil(all.length / BATCH_SIZE)) }, writer));
  if (failed) throw failed.error;
  return { capacityUnits };
}

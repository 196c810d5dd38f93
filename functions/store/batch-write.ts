// BatchWriteItem takes 25 puts at a time and may hand some back as UnprocessedItems under load;
// those go again in rounds with backoff (retry-policy.ts) until every item is stored; each call
// itself is retried by the client.
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableName } from './table.js';
import { MAX_ROUNDS, backoffPause, type Pause } from './retry-policy.js';

const BATCH_SIZE = 25;

export class UnprocessedItemsError extends Error {
  constructor(readonly remaining: number) {
    super(`${remaining} items were still unprocessed after ${MAX_ROUNDS} rounds of retries`);
  }
}

/** Writes every item; resolves with the write capacity the table reported. */
export async function batchWriteAll(
  db: DynamoDBDocumentClient,
  items: Record<string, unknown>[],
  table = tableName(),
  pause: Pause = backoffPause,
): Promise<{ capacityUnits: number }> {
  let capacityUnits = 0;
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) chunks.push(items.slice(i, i + BATCH_SIZE));
  await Promise.all(
    chunks.map(async (chunk) => {
      let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let round = 0; requests.length > 0; round++) {
        if (round === MAX_ROUNDS) throw new UnprocessedItemsError(requests.length);
        if (round > 0) await pause(round);
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests }, ReturnConsumedCapacity: 'TOTAL' }));
        capacityUnits += result.ConsumedCapacity?.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0) ?? 0;
        requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }),
  );
  return { capacityUnits };
}

// BatchGetItem takes 100 keys at a time and may hand some back as UnprocessedKeys under load;
// those are retried with the same backoff as throttled calls.
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PrimaryKey } from './keys.js';
import { MAX_ROUNDS, backoffDelay, retryThrottled, sleep } from './retry-throttled.js';
import { tableName } from './table.js';

const BATCH_SIZE = 100;

export async function batchGetAll(db: DynamoDBDocumentClient, keys: PrimaryKey[]): Promise<Record<string, unknown>[]> {
  const table = tableName();
  const chunks: PrimaryKey[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_SIZE) chunks.push(keys.slice(i, i + BATCH_SIZE));
  const pages = await Promise.all(
    chunks.map(async (chunk) => {
      const found: Record<string, unknown>[] = [];
      let pending: Record<string, unknown>[] = chunk.map(({ pk, sk }) => ({ pk, sk }));
      for (let round = 0; pending.length > 0; round++) {
        if (round === MAX_ROUNDS) throw new Error(`${pending.length} keys still unprocessed after ${MAX_ROUNDS} rounds`);
        if (round > 0) await sleep(backoffDelay(round));
        const result = await retryThrottled(() =>
          db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } })),
        );
        found.push(...(result.Responses?.[table] ?? []));
        pending = result.UnprocessedKeys?.[table]?.Keys ?? [];
      }
      return found;
    }),
  );
  return pages.flat();
}

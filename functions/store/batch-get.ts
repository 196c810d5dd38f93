// BatchGetItem takes 100 keys at a time and may hand some back as UnprocessedKeys under load;
// those go again in rounds with backoff (retry-policy.ts); each call itself is retried by the client.
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PrimaryKey } from './keys.js';
import { MAX_ROUNDS, backoffPause, type Pause } from './retry-policy.js';
import { tableName } from './table.js';

const BATCH_SIZE = 100;

export async function batchGetAll(db: DynamoDBDocumentClient, keys: PrimaryKey[], pause: Pause = backoffPause): Promise<Record<string, unknown>[]> {
  const table = tableName();
  const chunks: PrimaryKey[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_SIZE) chunks.push(keys.slice(i, i + BATCH_SIZE));
  const pages = await Promise.all(
    chunks.map(async (chunk) => {
      const found: Record<string, unknown>[] = [];
      let pending: Record<string, unknown>[] = chunk.map(({ pk, sk }) => ({ pk, sk }));
      for (let round = 0; pending.length > 0; round++) {
        if (round === MAX_ROUNDS) throw new Error(`${pending.length} keys still unprocessed after ${MAX_ROUNDS} rounds`);
        if (round > 0) await pause(round);
        const result = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
        found.push(...(result.Responses?.[table] ?? []));
        pending = result.UnprocessedKeys?.[table]?.Keys ?? [];
      }
      return found;
    }),
  );
  return pages.flat();
}

// Helpers for aggregation tests on the real store: forget every figure (keeping what ingest
// counted), and compare figures without their timestamps and fences.
import { PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchPutAndDelete } from '../../functions/store/batch-write.js';
import { tableName } from '../../functions/store/table.js';
import { aggregationKeys } from '../../functions/store/keys.js';
import { ingestSecond } from '../../functions/store/clinic-aggregation.js';

async function scanAll(db: DynamoDBDocumentClient, FilterExpression: string, values: Record<string, string>) {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName(), FilterExpression, ExpressionAttributeValues: values, ExclusiveStartKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * Forgets every figure, run and watermark; the events stay, and so do ingest's per-second counts
 * of them, rebuilt as ingest wrote them (a task drops the counts it has passed).
 */
export async function resetAggregates(db: DynamoDBDocumentClient) {
  const items = await scanAll(db, 'begins_with(pk, :m) OR begins_with(pk, :a)', { ':m': 'METRICS#', ':a': 'AGGREGATION' });
  await batchPutAndDelete(db, [], items.map(({ pk, sk }) => ({ pk: pk as string, sk: sk as string })));
  const counts = new Map<string, Record<string, number>>();
  for (const { clinicId, ingestedAt } of await scanAll(db, 'begins_with(pk, :e)', { ':e': 'EVENT#' })) {
    const perSecond = counts.get(clinicId as string) ?? {};
    const name = `stored@${ingestSecond(ingestedAt as string)}`;
    perSecond[name] = (perSecond[name] ?? 0) + 1;
    counts.set(clinicId as string, perSecond);
  }
  for (const [clinicId, perSecond] of counts) {
    await db.send(new PutCommand({ TableName: tableName(), Item: { ...aggregationKeys.clinic(clinicId), clinicId, ...perSecond } }));
  }
}

/**
 * Figures only: as-of times and fences say when and by which task, not what. The network views
 * are left out: the network step lists clinics in a fresh random order each run; what it reads,
 * each clinic's count row, is compared. So are due times (a client's due item and the time in its
 * state): they say when to look at a client again, and a task may keep one earlier than the exact
 * time (clinic-task.ts); the figures they lead to are compared.
 */
export const figuresOf = (snapshot: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(
    JSON.stringify(
      Object.fromEntries(Object.entries(snapshot).filter(([key]) => !key.startsWith('METRICS#NETWORK|') && !key.includes('|DUE#'))),
      (key, v) => (key === 'asOf' || key === 'fence' || key === 'dueAt' ? undefined : v),
    ),
  );

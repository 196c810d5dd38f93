// Helpers for aggregation tests on the real store: forget every figure (keeping what ingest
// counted), compare figures without their timestamps and fences, and wrap the store.
import { BatchWriteCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../functions/store/table.js';

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

/** Forgets every figure, run and watermark; the events and ingest's per-clinic counts stay. */
export async function resetAggregates(db: DynamoDBDocumentClient) {
  const items = await scanAll(db, 'begins_with(pk, :m) OR begins_with(pk, :a)', { ':m': 'METRICS#', ':a': 'AGGREGATION' });
  const counters = items.filter((i) => (i.pk as string).startsWith('AGGREGATION#'));
  for (let i = 0; i < items.length; i += 25) {
    const deletes = items.slice(i, i + 25).map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } }));
    await db.send(new BatchWriteCommand({ RequestItems: { [tableName()]: deletes } }));
  }
  for (const { pk, sk, clinicId, eventsStored } of counters) {
    if (eventsStored !== undefined) await db.send(new PutCommand({ TableName: tableName(), Item: { pk, sk, clinicId, eventsStored } }));
  }
}

/** Figures only: as-of times and fences say when and by which task, not what. */
export const figuresOf = (value: unknown): Record<string, unknown> =>
  JSON.parse(JSON.stringify(value, (key, v) => (key === 'asOf' || key === 'fence' ? undefined : v)));

type Send = DynamoDBDocumentClient['send'];

/** The store with every command passed through `intercept` first. */
export function wrapStore(db: DynamoDBDocumentClient, intercept: (command: { constructor: { name: string }; input: Record<string, unknown> }, send: Send) => ReturnType<Send>): DynamoDBDocumentClient {
  const send = db.send.bind(db) as Send;
  return new Proxy(db, {
    get: (target, prop, receiver) => (prop === 'send' ? (command: never) => intercept(command, send) : Reflect.get(target, prop, receiver)),
  });
}

// Faults real DynamoDB produces under load and dynalite never does, injected by an HTTP proxy in
// front of a real dynalite, so that the client's one retry layer runs as in production. The retry
// delay is injected as 0: no test waits real time.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../functions/local/embedded-dynamodb.js';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { putEvents } from '../../functions/store/put-events.js';
import { batchWriteAll } from '../../functions/store/batch-write.js';
import { MAX_ATTEMPTS } from '../../functions/store/retry-policy.js';
import { tableName } from '../../functions/store/table.js';
import { eventSchema, type Event } from '../../functions/events/schema.js';
import { sampleEvents } from '../support/test-platform.js';
import { startFaultProxy, type FaultPlan } from '../support/fault-proxy.js';

let dynamo: EmbeddedDynamoDb;
let proxy: Awaited<ReturnType<typeof startFaultProxy>> | undefined;
beforeAll(async () => {
  dynamo = await startEmbeddedDynamoDb();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});
afterAll(() => dynamo.close());

/** A fresh table, and a client that reaches it through a proxy following `plan`, retrying without delay. */
async function through(plan: FaultPlan) {
  process.env.TABLE_NAME = `faults-${randomBytes(4).toString('hex')}`;
  const direct = createDocumentClient(dynamo.endpoint);
  await ensureTable(direct);
  proxy = await startFaultProxy(dynamo.endpoint, plan);
  return { db: createDocumentClient(proxy.endpoint, () => 0), direct, proxy };
}

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const batch = (n: number): Event[] =>
  Array.from({ length: n }, (_, i) => eventSchema.parse({ ...sampleEvents('clinic-a', `f${i}`)[1], sessionId: `s${i}` }));

const storedCount = async (direct: ReturnType<typeof createDocumentClient>) =>
  (await direct.send(new ScanCommand({ TableName: tableName(), Select: 'COUNT' }))).Count;
/** Event items only: ingest also keeps the clinic's per-second count of stored events in another item. */
const storedEvents = async (direct: ReturnType<typeof createDocumentClient>) =>
  (
    await direct.send(
      new ScanCommand({ TableName: tableName(), Select: 'COUNT', FilterExpression: 'sk = :event', ExpressionAttributeValues: { ':event': 'EVENT' } }),
    )
  ).Count;

describe('throttling on event writes', () => {
  it('retries throttled puts until every event is stored', async () => {
    const chance = seeded(7);
    const { db, direct, proxy } = await through((op) => (op === 'PutItem' && chance() < 0.4 ? { kind: 'throttle' } : { kind: 'forward' }));
    const events = batch(60);
    const result = await putEvents(db, events, '2025-01-01T00:00:00.000Z');
    expect(result.stored.sort()).toEqual(events.map((e) => e.id).sort());
    expect(await storedEvents(direct)).toBe(60);
    expect(proxy.calls('PutItem')).toBeGreaterThan(60);
  });

  it('a put that landed but whose answer was lost is retried and found as the same event, not stored twice', async () => {
    const chance = seeded(11);
    let lost = 0;
    const { db, direct } = await through((op) => (op === 'PutItem' && chance() < 0.5 && lost++ < 20 ? { kind: 'lose-answer' } : { kind: 'forward' }));
    const events = batch(30);
    const result = await putEvents(db, events, '2025-01-01T00:00:00.000Z');
    expect([...result.stored, ...result.duplicates].sort()).toEqual(events.map((e) => e.id).sort());
    expect(result.duplicates.length).toBeGreaterThan(0);
    expect(result.conflicts).toEqual([]);
    expect(await storedEvents(direct)).toBe(30);
  });

  it('gives up after the client’s attempts on a table that never recovers: one layer, not attempts × rounds', async () => {
    const { db, proxy } = await through((op) => (op === 'PutItem' ? { kind: 'throttle' } : { kind: 'forward' }));
    await expect(putEvents(db, batch(1), '2025-01-01T00:00:00.000Z')).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
    expect(proxy.calls('PutItem')).toBe(MAX_ATTEMPTS);
  });
});

describe('UnprocessedItems on batch writes', () => {
  it('retries unprocessed items and throttled batches until every item is written exactly once', async () => {
    const chance = seeded(3);
    const { db, direct, proxy } = await through((op, body) => {
      if (op !== 'BatchWriteItem') return { kind: 'forward' };
      if (chance() < 0.2) return { kind: 'throttle' };
      const [table, requests] = Object.entries(body.RequestItems as Record<string, unknown[]>)[0]!;
      // The table always takes at least one item of a batch it does not throttle.
      const unprocessed = requests.slice(1).filter(() => chance() < 0.5);
      const forwarded = requests.filter((r) => !unprocessed.includes(r));
      return {
        kind: 'unprocess',
        forwarded: { ...body, RequestItems: { [table]: forwarded } },
        unprocessed: unprocessed.length ? { [table]: unprocessed } : {},
      };
    });
    const items = Array.from({ length: 230 }, (_, i) => ({ pk: `M#${i}`, sk: 'X', value: i }));
    const pauses: number[] = [];
    const { capacityUnits } = await batchWriteAll(db, items, tableName(), async (round) => void pauses.push(round));
    expect(await storedCount(direct)).toBe(230);
    const written = proxy.forwardedBodies
      .filter((b) => b.operation === 'BatchWriteItem')
      .flatMap((b) => Object.values(b.body.RequestItems as Record<string, { PutRequest: { Item: { pk: { S: string } } } }[]>)[0]!)
      .map((r) => r.PutRequest.Item.pk.S);
    expect(written.sort()).toEqual(items.map((i) => i.pk).sort());
    expect(capacityUnits).toBe(230);
    expect(pauses.length).toBeGreaterThan(0);
  });
});

// Faults real DynamoDB produces under load and dynalite never does, injected with
// aws-sdk-client-mock behind a tiny in-memory model of the table's conditional semantics.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/store/client.js';
import { putEvents } from '../../functions/store/put-events.js';
import { batchWriteAll } from '../../functions/store/batch-write.js';
import { eventSchema, type Event } from '../../functions/events/schema.js';
import { sampleEvents } from '../support/test-platform.js';

const throttled = () => new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} });

function faultyTable(seed: number) {
  let state = seed;
  const chance = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const items = new Map<string, Record<string, unknown>>();
  const writes = new Map<string, number>();
  const keyOf = (item: Record<string, unknown>) => `${item.pk}|${item.sk}`;
  const store = (item: Record<string, unknown>) => {
    items.set(keyOf(item), item);
    writes.set(keyOf(item), (writes.get(keyOf(item)) ?? 0) + 1);
  };
  return { chance, items, writes, keyOf, store };
}

const db = createDocumentClient('http://127.0.0.1:9');
const mock = mockClient(DynamoDBDocumentClient);
afterEach(() => mock.reset());

const batch = (n: number): Event[] =>
  Array.from({ length: n }, (_, i) => eventSchema.parse({ ...sampleEvents('clinic-a', `f${i}`)[1], sessionId: `s${i}` }));

describe('throttling on event writes', () => {
  it('retries throttled puts until every event is stored exactly once', async () => {
    const t = faultyTable(7);
    mock.on(PutCommand).callsFake((input) => {
      if (t.chance() < 0.4) throw throttled();
      if (t.items.has(t.keyOf(input.Item))) throw new ConditionalCheckFailedException({ message: 'exists', $metadata: {} });
      t.store(input.Item);
      return {};
    });
    const events = batch(60);
    const result = await putEvents(db, events, '2025-01-01T00:00:00.000Z');
    expect(result.stored.sort()).toEqual(events.map((e) => e.id).sort());
    expect(t.items.size).toBe(60);
    expect([...t.writes.values()].every((n) => n === 1)).toBe(true);
    expect(mock.commandCalls(PutCommand).length).toBeGreaterThan(60);
  });

  it('a put that landed but whose answer was lost is retried and found as the same event, not stored twice', async () => {
    const t = faultyTable(11);
    let lostAnswers = 0;
    mock.on(PutCommand).callsFake((input) => {
      if (t.items.has(t.keyOf(input.Item))) throw new ConditionalCheckFailedException({ message: 'exists', $metadata: {} });
      t.store(input.Item);
      // The write is applied, then the connection drops: the caller sees a throttle and retries.
      if (t.chance() < 0.5 && lostAnswers++ < 20) throw throttled();
      return {};
    });
    mock.on(GetCommand).callsFake((input) => ({ Item: t.items.get(`${input.Key.pk}|${input.Key.sk}`) }));
    const events = batch(30);
    const result = await putEvents(db, events, '2025-01-01T00:00:00.000Z');
    expect([...result.stored, ...result.duplicates].sort()).toEqual(events.map((e) => e.id).sort());
    expect(result.conflicts).toEqual([]);
    expect(lostAnswers).toBeGreaterThan(0);
    expect([...t.writes.values()].every((n) => n === 1)).toBe(true);
  });

  it('gives up after its rounds on a table that never recovers, rather than hanging', async () => {
    mock.on(PutCommand).rejects(throttled());
    await expect(putEvents(db, batch(1), '2025-01-01T00:00:00.000Z')).rejects.toThrow(/Rate exceeded/);
  }, 60_000);
});

describe('UnprocessedItems on batch writes', () => {
  it('retries unprocessed items and throttled batches until every item is stored exactly once', async () => {
    const t = faultyTable(3);
    mock.on(BatchWriteCommand).callsFake((input) => {
      if (t.chance() < 0.2) throw throttled();
      const [table, requests] = Object.entries(input.RequestItems as Record<string, { PutRequest: { Item: Record<string, unknown> } }[]>)[0]!;
      const unprocessed = requests.filter(() => t.chance() < 0.5);
      for (const r of requests) if (!unprocessed.includes(r)) t.store(r.PutRequest.Item);
      return { UnprocessedItems: unprocessed.length ? { [table]: unprocessed } : {}, ConsumedCapacity: [{ CapacityUnits: requests.length - unprocessed.length }] };
    });
    const items = Array.from({ length: 230 }, (_, i) => ({ pk: `M#${i}`, sk: 'X', value: i }));
    const { capacityUnits } = await batchWriteAll(db, items, 'metrics');
    expect(t.items.size).toBe(230);
    expect([...t.writes.values()].every((n) => n === 1)).toBe(true);
    expect(capacityUnits).toBe(230);
    expect(mock.commandCalls(BatchWriteCommand).length).toBeGreaterThan(10);
  });
});

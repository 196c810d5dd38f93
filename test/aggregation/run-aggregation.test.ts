// The aggregation against dynalite: incremental equals full, a run killed anywhere is repaired
// by the next, late events land, runs never overlap, and a day turn refreshes every client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatchWriteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { fakeClock } from '../support/fake-clock.js';
import { ingest, syntheticNetwork } from '../support/synthetic-ingest.js';
import { metricSnapshot } from '../support/metric-snapshot.js';
import { runAggregation, type AggregationOptions } from '../../functions/aggregation/run-aggregation.js';
import { acquireAggregationLease, releaseAggregationLease } from '../../functions/store/aggregation-lease.js';
import { tableName } from '../../functions/store/table.js';
import type { EventInput } from '../../functions/events/schema.js';

const AS_OF = '2026-11-01T00:00:00.000Z';
const clock = fakeClock('2026-11-01T12:00:00.000Z');
let p: TestPlatform;
let network: Awaited<ReturnType<typeof syntheticNetwork>>;

beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
  network = await syntheticNetwork(p, { clients: 30, seed: 11, asOf: AS_OF });
  await ingest(p, network.keys, network.events);
  clock.advance(60_000);
});
afterAll(() => p.close());

const run = (options: AggregationOptions = {}, db: DynamoDBDocumentClient = p.db) =>
  runAggregation(db, { now: clock.now(), settleMs: 0, overlapMs: 0, ...options });

/** Forgets every figure and the watermark; the events stay. */
async function resetAggregates() {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await p.db.send(
      new ScanCommand({ TableName: tableName(), FilterExpression: 'begins_with(pk, :m) OR pk = :a', ExpressionAttributeValues: { ':m': 'METRICS#', ':a': 'AGGREGATION' }, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  for (let i = 0; i < items.length; i += 25) {
    const deletes = items.slice(i, i + 25).map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } }));
    await p.db.send(new BatchWriteCommand({ RequestItems: { [tableName()]: deletes } }));
  }
}

const withoutAsOf = (value: unknown): Record<string, unknown> =>
  JSON.parse(JSON.stringify(value, (key, v) => (key === 'asOf' ? undefined : v)));

/** Everything ingested so far, aggregated by one full run at the current clock. */
async function referenceSnapshot() {
  await resetAggregates();
  await run({ full: true });
  return metricSnapshot(p.db);
}

/** The first few clients' events: the property below re-ingests them under new ids per case. */
const propertyEvents = () => {
  const clients = [...new Set(network.events.map((e) => e.clientId))].slice(0, 6);
  return network.events.filter((e) => clients.includes(e.clientId));
};

describe('run-aggregation', () => {
  it('a first run is full and stores views for every clinic, counselor and audience', async () => {
    const report = await run();
    expect(report).toMatchObject({ status: 'completed', mode: 'full', eventsRead: network.events.length });
    const keys = Object.keys(await metricSnapshot(p.db));
    for (const clinic of network.clinics) expect(keys).toContain(`METRICS#${clinic.clinicId}|CLINIC`);
    expect(keys).toEqual(expect.arrayContaining(['METRICS#NETWORK|VIEW#all', 'METRICS#NETWORK|VIEW#research']));
    // A client belongs to the counselor of its latest event (metrics engine rule).
    const latest = new Map<string, EventInput>();
    for (const e of network.events) {
      const key = `${e.clinicId}/${e.clientId}`;
      const seen = latest.get(key);
      if (!seen || Date.parse(e.occurredAt) > Date.parse(seen.occurredAt) || (e.occurredAt === seen.occurredAt && e.id > seen.id)) latest.set(key, e);
    }
    const counselors = new Set([...latest.values()].map((e) => `METRICS#${e.clinicId}|COUNSELOR#${e.counselorId}`));
    expect(keys.filter((k) => k.includes('|COUNSELOR#')).sort()).toEqual([...counselors].sort());
  });

  it('splitting the events across two runs gives exactly the figures of one run (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: propertyEvents().length, maxLength: propertyEvents().length }), async (inFirst) => {
        // A fresh copy of the network under other event ids, so each case starts from nothing stored.
        const tag = `p${Math.random().toString(36).slice(2, 8)}`;
        const events = propertyEvents().map((e) => ({ ...e, id: `${tag}.${e.id}`, clientId: `${tag}.${e.clientId}` })) as EventInput[];
        await resetAggregates();
        await run({ full: true });
        await ingest(p, network.keys, events.filter((_, i) => inFirst[i]));
        clock.advance(1_000);
        await run();
        await ingest(p, network.keys, events.filter((_, i) => !inFirst[i]));
        clock.advance(1_000);
        const second = await run();
        expect(second.mode).toBe('incremental');
        // Figures, not timestamps: views the second run did not touch keep the first run's as-of.
        const incremental = withoutAsOf(await metricSnapshot(p.db));
        const reference = withoutAsOf(await referenceSnapshot());
        const differing = Object.keys(reference).filter((k) => JSON.stringify(reference[k]) !== JSON.stringify(incremental[k]));
        expect(differing).toEqual([]);
        expect(incremental).toEqual(reference);
      }),
      { numRuns: 3, seed: 7, endOnFailure: true },
    );
  }, 240_000);

  it('a run killed at any point is repaired by the next: the same figures as an uninterrupted run', async () => {
    const late = network.events.slice(-150).map((e) => ({ ...e, id: `kill.${e.id}` })) as EventInput[];
    const before = clock.now();
    clock.advance(1_000);
    await ingest(p, network.keys, late);
    clock.advance(1_000);
    const after = clock.now();
    // A dead run never releases its lease; a 1 ms lease lets the repair start at once.
    const at = (now: Date, db?: DynamoDBDocumentClient) => run({ now, leaseMs: 1 }, db);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

    let calls = 0;
    const counting = new Proxy(p.db, {
      get: (target, prop, receiver) => {
        if (prop !== 'send') return Reflect.get(target, prop, receiver);
        return (command: never) => {
          calls++;
          return target.send(command);
        };
      },
    });
    await resetAggregates();
    expect(await at(before, counting)).toMatchObject({ mode: 'full' });
    const fullCalls = calls;
    calls = 0;
    expect(await at(after, counting)).toMatchObject({ mode: 'incremental' });
    const incrementalCalls = calls;
    const expected = await metricSnapshot(p.db);
    expect(Math.min(fullCalls, incrementalCalls)).toBeGreaterThan(10);

    const dyingAt = (killAt: number) => {
      let n = 0;
      return new Proxy(p.db, {
        get: (target, prop, receiver) =>
          prop === 'send'
            ? (command: never) => (++n === killAt ? Promise.reject(new Error(`killed at call ${killAt}`)) : target.send(command))
            : Reflect.get(target, prop, receiver),
      });
    };
    // The first call takes the lease; every later one is a point a run can die at.
    for (const fraction of [0.05, 0.3, 0.6, 0.9, 1]) {
      const killAt = (total: number) => Math.max(2, Math.round(total * fraction));
      // Killed in the full run, then in the incremental run.
      await resetAggregates();
      await expect(at(before, dyingAt(killAt(fullCalls)))).rejects.toThrow(/killed/);
      await settle();
      await at(before);
      await expect(at(after, dyingAt(killAt(incrementalCalls)))).rejects.toThrow(/killed/);
      await settle();
      expect(await at(after)).toMatchObject({ status: 'completed' });
      expect(await metricSnapshot(p.db)).toEqual(expected);
    }
  }, 240_000);

  it('a goal.set that arrives after its reviews is folded in when it lands', async () => {
    const goalSet = network.events.find((e) => e.type === 'goal.set')!;
    const setLate = { ...goalSet, id: 'late.set', goalId: 'late-goal', clientId: 'late-client' } as EventInput;
    const review = { ...goalSet, id: 'late.review', type: 'goal.reviewed', goalId: 'late-goal', clientId: 'late-client', level: 1, occurredAt: '2026-10-15T10:00:00Z' } as EventInput;
    delete (review as Record<string, unknown>).mode;
    delete (review as Record<string, unknown>).domain;
    delete (review as Record<string, unknown>).weight;
    await resetAggregates();
    await run({ full: true });
    await ingest(p, network.keys, [review]);
    clock.advance(1_000);
    await run();
    const before = (await metricSnapshot(p.db))[`METRICS#${goalSet.clinicId}|CLINIC`] as { view: { metrics: { dataQuality: { unknownGoalEvents: number } } } };
    await ingest(p, network.keys, [setLate]);
    clock.advance(1_000);
    await run();
    const after = await metricSnapshot(p.db);
    const clinicAfter = after[`METRICS#${goalSet.clinicId}|CLINIC`] as typeof before;
    expect(clinicAfter.view.metrics.dataQuality.unknownGoalEvents).toBe(before.view.metrics.dataQuality.unknownGoalEvents - 1);
    expect(withoutAsOf(after)).toEqual(withoutAsOf(await referenceSnapshot()));
  }, 60_000);

  it('never runs twice at once: a second run while the lease is held reports busy', async () => {
    // Leases run on the wall clock, whatever the as-of time.
    expect(await acquireAggregationLease(p.db, 'someone-else', new Date(), 60_000)).toBe(true);
    expect(await run()).toEqual({ status: 'busy' });
    await releaseAggregationLease(p.db, 'someone-else');
    expect((await run()).status).toBe('completed');
  });

  it('re-derives every client when a day turns in a clinic zone, and only the touched ones otherwise', async () => {
    await resetAggregates();
    await run({ full: true });
    const clients = new Set(network.events.map((e) => `${e.clinicId}/${e.clientId}`)).size;
    const one = network.events[0]!;
    await ingest(p, network.keys, [{ ...one, id: 'touch.1' } as EventInput]);
    clock.advance(1_000);
    expect(await run()).toMatchObject({ mode: 'incremental', clientsDerived: 1 });
    clock.advance(24 * 3_600_000);
    const dayTurn = await run();
    expect(dayTurn.mode).toBe('day-turn');
    expect(dayTurn.clientsDerived).toBeGreaterThanOrEqual(clients);
  });
});

// The aggregation against dynalite: incremental equals full, a run killed anywhere is repaired
// by the next, a store of the first layout is rebuilt on upgrade, late events land, and a run
// re-derives only the clients it must.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { BatchWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CLINIC_A, sampleEvents, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { fakeClock } from '../support/fake-clock.js';
import { ingest, syntheticNetwork } from '../support/synthetic-ingest.js';
import { metricSnapshot } from '../support/metric-snapshot.js';
import { runAggregation, type AggregationOptions } from '../../functions/aggregation/run-aggregation.js';
import type { EventInput } from '../../functions/events/schema.js';
import { listClinics, putClinic } from '../../functions/store/clinics.js';
import { aggregationKeys } from '../../functions/store/keys.js';
import { batchWriteAll } from '../../functions/store/batch-write.js';
import { tableName } from '../../functions/store/table.js';
import { figuresOf, resetAggregates } from './aggregation-store.js';
import { wrapStore } from '../support/wrap-store.js';

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

/** Stored figures cleared, then everything ingested so far aggregated by one full run at the current clock. */
async function rebuilt() {
  await resetAggregates(p.db);
  await run({ full: true });
}

/** The figures of a full run over everything ingested so far. */
async function referenceSnapshot() {
  await rebuilt();
  return metricSnapshot(p.db);
}

/** The network's last `n` events again, under new ids tagged `tag`: new events of the same clients. */
type RecordedCommand = { name: string; input: Record<string, unknown> };

/** The store with every command sent to it recorded, and the record. */
function recording(db: DynamoDBDocumentClient): { store: DynamoDBDocumentClient; commands: RecordedCommand[] } {
  const commands: RecordedCommand[] = [];
  const store = wrapStore(db, (command, send) => {
    commands.push({ name: command.constructor.name, input: command.input });
    return send(command as never);
  });
  return { store, commands };
}

/** Every key the recorded BatchGetItem commands asked for. */
const batchGetKeys = (commands: readonly RecordedCommand[]) =>
  commands.filter((c) => c.name === 'BatchGetCommand').flatMap((c) => Object.values(c.input.RequestItems as Record<string, { Keys: { pk: string; sk: string }[] }>).flatMap((r) => r.Keys));

const renamedTail = (n: number, tag: string) => network.events.slice(-n).map((e) => ({ ...e, id: `${tag}.${e.id}` })) as EventInput[];

/** The first few clients' events: the property below re-ingests them under new ids per case. */
const propertyEvents = () => {
  const clients = [...new Set(network.events.map((e) => e.clientId))].slice(0, 6);
  return network.events.filter((e) => clients.includes(e.clientId));
};

describe('run-aggregation', () => {
  it('a first run takes every clinic and stores views for every clinic, counselor and audience', async () => {
    const report = await run();
    // The platform's two clinics without events are aggregated too: empty views, but views.
    const registered = (await listClinics(p.db)).length;
    expect(report).toMatchObject({ status: 'completed', clinics: registered, clinicsRun: registered, clinicsFailed: 0, eventsRead: network.events.length });
    const keys = Object.keys(await metricSnapshot(p.db));
    for (const clinic of network.clinics) expect(keys).toContain(`METRICS#${clinic.clinicId}|CLINIC`);
    expect(keys).toEqual(expect.arrayContaining(['METRICS#NETWORK|SUMMARY', ...network.clinics.map((c) => `METRICS#${c.clinicId}|COUNTS`)]));
    // A client belongs to the counselor of its latest event (metrics engine rule).
    const latest = new Map<string, EventInput>();
    for (const e of network.events) {
      const key = `${e.clinicId}/${e.clientId}`;
      const seen = latest.get(key);
      if (!seen || Date.parse(e.occurredAt) > Date.parse(seen.occurredAt) || (e.occurredAt === seen.occurredAt && e.id > seen.id)) latest.set(key, e);
    }
    const counselors = new Set([...latest.values()].map((e) => `METRICS#${e.clinicId}|PARTIAL#${e.counselorId}`));
    expect(keys.filter((k) => k.includes('|PARTIAL#')).sort()).toEqual([...counselors].sort());
    // Each client has its state; a caseload row only under the counselor of its latest event.
    const rows = keys.filter((k) => k.includes('|ROW#'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(counselors).toContain(row.replace(/\|ROW#([^#]+)#.*$/, '|PARTIAL#$1'));
  });

  it('splitting the events across two runs gives exactly the figures of one run (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: propertyEvents().length, maxLength: propertyEvents().length }), async (inFirst) => {
        // A fresh copy of the network under other event ids, so each case starts from nothing stored.
        const tag = `p${Math.random().toString(36).slice(2, 8)}`;
        const events = propertyEvents().map((e) => ({ ...e, id: `${tag}.${e.id}`, clientId: `${tag}.${e.clientId}` })) as EventInput[];
        await rebuilt();
        await ingest(p, network.keys, events.filter((_, i) => inFirst[i]));
        clock.advance(1_000);
        await run();
        await ingest(p, network.keys, events.filter((_, i) => !inFirst[i]));
        clock.advance(1_000);
        const second = await run();
        expect(second.clientsDerived).toBeLessThanOrEqual(new Set(events.map((e) => e.clientId)).size);
        // Figures, not timestamps: views the second run did not touch keep the first run's as-of.
        const incremental = figuresOf(await metricSnapshot(p.db));
        const reference = figuresOf(await referenceSnapshot());
        const differing = Object.keys(reference).filter((k) => JSON.stringify(reference[k]) !== JSON.stringify(incremental[k]));
        expect(differing).toEqual([]);
        expect(incremental).toEqual(reference);
      }),
      { numRuns: 3, seed: 7, endOnFailure: true },
    );
  }, 240_000);

  it('a run killed at any point is repaired by the next: the same figures as an uninterrupted run', async () => {
    const late = renamedTail(150, 'kill');
    const before = clock.now();
    clock.advance(1_000);
    await ingest(p, network.keys, late);
    clock.advance(1_000);
    const after = clock.now();
    // A dead task never releases its clinic's lease; a 1 ms lease lets the repair start at once.
    const at = (now: Date, db?: DynamoDBDocumentClient) => run({ now, leaseMs: 1 }, db);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

    let calls = 0;
    const counting = wrapStore(p.db, (command, send) => {
      calls++;
      return send(command as never);
    });
    await resetAggregates(p.db);
    await at(before, counting);
    const fullCalls = calls;
    calls = 0;
    expect(await at(after, counting)).toMatchObject({ status: 'completed', clinicsFailed: 0 });
    const incrementalCalls = calls;
    const expected = figuresOf(await metricSnapshot(p.db));
    expect(Math.min(fullCalls, incrementalCalls)).toBeGreaterThan(10);

    const dyingAt = (killAt: number) => {
      let n = 0;
      return wrapStore(p.db, (command, send) => (++n === killAt ? Promise.reject(new Error(`killed at call ${killAt}`)) : send(command as never)));
    };
    // Every call is a point a run can die at: the coordinator's calls fail the run, a clinic task's
    // calls fail that clinic only (recorded, retried by the next run).
    for (const fraction of [0.02, 0.3, 0.6, 0.9, 1]) {
      const killAt = (total: number) => Math.max(1, Math.round(total * fraction));
      const dying = async (now: Date, total: number) => {
        const outcome = await at(now, dyingAt(killAt(total))).catch((error: Error) => error);
        if (outcome instanceof Error) expect(outcome.message).toMatch(/killed/);
        else expect(outcome.status === 'failed' || outcome.clinicsFailed > 0).toBe(true);
      };
      await resetAggregates(p.db);
      await dying(before, fullCalls);
      await settle();
      await at(before);
      await dying(after, incrementalCalls);
      await settle();
      expect(await at(after)).toMatchObject({ status: 'completed', clinicsFailed: 0 });
      expect(figuresOf(await metricSnapshot(p.db))).toEqual(expected);
    }
  }, 240_000);

  it('a store of the first per-clinic layout is rebuilt on upgrade: the same figures as a fresh one, its old items gone', async () => {
    await rebuilt();
    // Turn the stored figures into what the first layout left: client states with their events
    // gzipped whole in `events` and the counselor as an attribute, caseload chunks, counselor
    // views and the filing, and bookkeeping with no layout.
    const legacy: Record<string, unknown>[] = [];
    const snapshot = await metricSnapshot(p.db);
    for (const [key, item] of Object.entries(snapshot)) {
      const [pk, sk] = key.split('|') as [string, string];
      if (sk.startsWith('PARTIAL#')) {
        const { fold } = item as { counselorId: string; fold: { partial: unknown } };
        legacy.push({ pk, sk, counselorId: (item as { counselorId: string }).counselorId, partial: gzipSync(JSON.stringify(fold.partial)) });
        continue;
      }
      const state = (item as { state?: { counselorId: string; events: Record<string, unknown>[] } }).state;
      if (!sk.startsWith('CLIENT#') || !state) continue;
      const clinicId = pk.slice('METRICS#'.length);
      const clientId = sk.slice('CLIENT#'.length);
      const events = state.events.map((e) => ({ ...e, clinicId, clientId }));
      legacy.push({ pk, sk, clientId, counselorId: state.counselorId, parts: 0, events: gzipSync(JSON.stringify(events)) });
      legacy.push({ pk, sk: `SUMMARIES#${state.counselorId}#000`, counselorId: state.counselorId, chunk: 0, summaries: gzipSync('[]') });
      legacy.push({ pk, sk: `COUNSELOR#${state.counselorId}`, view: gzipSync('{}') }, { pk, sk: 'FILING', counselors: {} });
    }
    expect(legacy.length).toBeGreaterThan(0);
    // Each client adds its counselor's items again, alike: each key is written once.
    await batchWriteAll(p.db, [...new Map(legacy.map((item) => [`${item.pk}|${item.sk}`, item])).values()]);
    for (const clinic of network.clinics) {
      await p.db.send(new UpdateCommand({ TableName: tableName(), Key: aggregationKeys.clinic(clinic.clinicId), UpdateExpression: 'REMOVE layout' }));
    }
    // New events arrive; the next run rebuilds every clinic from its old states and the feed.
    const late = renamedTail(40, 'upgrade');
    await ingest(p, network.keys, late);
    clock.advance(1_000);
    expect(await run()).toMatchObject({ status: 'completed', clinicsFailed: 0 });
    const upgraded = figuresOf(await metricSnapshot(p.db));
    expect(Object.keys(upgraded).filter((key) => /\|(SUMMARIES#|COUNSELOR#|FILING$)/.test(key))).toEqual([]);
    expect(upgraded).toEqual(figuresOf(await referenceSnapshot()));
  }, 120_000);

  it('weeks later, with due times passed and the week turned, an incremental run gives a full rebuild\'s figures', async () => {
    await rebuilt();
    // Nine days on: the caseloads' 26-week windows have moved, and clients' due times (no contact
    // for a while, stalled goals, retention windows) have passed without a new event of theirs.
    clock.advance(9 * 86_400_000);
    const late = renamedTail(20, 'weeks');
    await ingest(p, network.keys, late);
    clock.advance(1_000);
    const report = await run();
    expect(report).toMatchObject({ status: 'completed', clinicsFailed: 0 });
    // More clients than the new events touch: the due ones.
    expect(report.clientsDerived).toBeGreaterThan(new Set(late.map((e) => `${e.clinicId}/${e.clientId}`)).size);
    const incremental = figuresOf(await metricSnapshot(p.db));
    // Every due time that passed was moved on: a moment later nothing is due and no clinic has work.
    clock.advance(1_000);
    expect(await run()).toMatchObject({ status: 'completed', clinicsRun: 0, clientsDerived: 0 });
    expect(incremental).toEqual(figuresOf(await referenceSnapshot()));
  }, 120_000);

  it('a task that fails before it writes leaves no mark: the next run adjusts the clinic instead of rebuilding it', async () => {
    await rebuilt();
    const late = renamedTail(5, 'unmarked');
    await ingest(p, network.keys, late);
    clock.advance(1_000);
    let failed = false;
    const feedDown = wrapStore(p.db, (command, send) => {
      if (!failed && command.constructor.name === 'QueryCommand' && command.input.IndexName) {
        failed = true;
        return Promise.reject(new Error('the change feed is unavailable'));
      }
      return send(command as never);
    });
    expect(await run({}, feedDown)).toMatchObject({ clinicsFailed: 1 });
    const lines: string[] = [];
    expect(await run({ onProgress: (line) => lines.push(line) })).toMatchObject({ status: 'completed', clinicsFailed: 0 });
    const modes = lines.flatMap((line) => /: completed \((\w+)\)/.exec(line)?.slice(1) ?? []);
    expect(modes.length).toBeGreaterThan(0);
    expect(modes.every((mode) => mode === 'incremental')).toBe(true);
  }, 60_000);

  it('a clinic of one counselor has its fold read with the touched states, and queried when the list is not of the current figures', async () => {
    await rebuilt();
    const keys = new Map([[CLINIC_A, p.ingestKeys[CLINIC_A]]]);
    const { store: watching, commands } = recording(p.db);
    const foldQueries = () => commands.filter((c) => c.name === 'QueryCommand' && (c.input.ExpressionAttributeValues as Record<string, string>)[':prefix'] === 'PARTIAL#').length;
    const foldsGot = () => batchGetKeys(commands).filter((k) => k.sk.startsWith('PARTIAL#')).length;
    /** New events of one client of counselor co-1, then a run through the watched store. */
    const step = async (tag: string) => {
      commands.length = 0;
      await ingest(p, keys, sampleEvents(CLINIC_A, tag, `client-${tag}`) as unknown as EventInput[]);
      clock.advance(1_000);
      expect(await run({}, watching)).toMatchObject({ status: 'completed', clinicsRun: 1, clinicsFailed: 0 });
    };
    // The clinic's first events: its list, left by the full run, names no fold yet.
    await step('listed-1');
    expect(foldQueries()).toBe(0);
    await step('listed-2');
    expect(foldQueries()).toBe(0);
    expect(foldsGot()).toBe(1);
    const editList = (UpdateExpression: string, value: unknown) =>
      p.db.send(new UpdateCommand({ TableName: tableName(), Key: aggregationKeys.clinic(CLINIC_A), UpdateExpression, ExpressionAttributeValues: { ':v': value } }));
    // As an earlier version's completion leaves it: a list of other figures than the clinic's.
    await editList('SET counselorFolds.asOf = :v', '2000-01-01T00:00:00.000Z');
    await step('listed-3');
    expect(foldQueries()).toBe(1);
    expect(foldsGot()).toBe(0);
    // A list naming a fold that is not stored is wrong: the task queries the folds after all.
    await editList('SET counselorFolds.counselorIds = list_append(counselorFolds.counselorIds, :v)', ['no-such-counselor']);
    await step('listed-4');
    expect(foldsGot()).toBe(2);
    expect(foldQueries()).toBe(1);
    const incremental = figuresOf(await metricSnapshot(p.db));
    expect(incremental).toEqual(figuresOf(await referenceSnapshot()));
  }, 60_000);

  it('a goal.set that arrives after its reviews is folded in when it lands', async () => {
    const goalSet = network.events.find((e) => e.type === 'goal.set')!;
    const setLate = { ...goalSet, id: 'late.set', goalId: 'late-goal', clientId: 'late-client' } as EventInput;
    const review = { ...goalSet, id: 'late.review', type: 'goal.reviewed', goalId: 'late-goal', clientId: 'late-client', level: 1, occurredAt: '2026-10-15T10:00:00Z' } as EventInput;
    delete (review as Record<string, unknown>).mode;
    delete (review as Record<string, unknown>).domain;
    delete (review as Record<string, unknown>).weight;
    await rebuilt();
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
    expect(figuresOf(after)).toEqual(figuresOf(await referenceSnapshot()));
  }, 60_000);

  it('re-derives only the clients an event touched, in the one clinic it touched', async () => {
    await rebuilt();
    const one = network.events[0]!;
    await ingest(p, network.keys, [{ ...one, id: 'touch.1' } as EventInput]);
    clock.advance(1_000);
    expect(await run()).toMatchObject({ status: 'completed', clinics: 1, clinicsRun: 1, clientsDerived: 1 });
  });

  it('a full run over stored figures reads no client state (only row and due keys) and leaves a fresh full run\'s figures', async () => {
    await rebuilt();
    await ingest(p, network.keys, renamedTail(30, 'refull'));
    clock.advance(1_000);
    await run();
    const { store: watching, commands } = recording(p.db);
    clock.advance(1_000);
    expect(await run({ full: true }, watching)).toMatchObject({ status: 'completed', clinicsFailed: 0 });
    const clientKeysRead = [
      ...commands.filter((c) => (c.input.ExpressionAttributeValues as Record<string, unknown> | undefined)?.[':prefix'] === 'CLIENT#').map(() => 'query'),
      ...batchGetKeys(commands).map((k) => k.sk).filter((sk) => sk.startsWith('CLIENT#')),
    ];
    expect(clientKeysRead).toEqual([]);
    const refull = figuresOf(await metricSnapshot(p.db));
    expect(refull).toEqual(figuresOf(await referenceSnapshot()));
  }, 60_000);

  it('an event that changes no figure yet (dated ahead) moves its client and due item, but no fold', async () => {
    await rebuilt();
    const one = network.events[0]!;
    const ahead = new Date(clock.now().getTime() + 10 * 3_600_000).toISOString();
    await ingest(p, network.keys, [{ ...one, id: 'ahead.1', occurredAt: ahead } as EventInput]);
    clock.advance(1_000);
    const written: string[] = [];
    const watching = wrapStore(p.db, (command, send) => {
      if (command instanceof BatchWriteCommand)
        for (const requests of Object.values(command.input.RequestItems ?? {}))
          for (const r of requests) written.push(String((r.PutRequest?.Item ?? r.DeleteRequest?.Key)?.sk));
      return send(command as never);
    });
    expect(await run({}, watching)).toMatchObject({ status: 'completed', clinicsRun: 1, clientsDerived: 1 });
    // The state keeps the event and the due item moves to its time; the figures, so the fold, stay.
    expect(written).toContain(`CLIENT#${one.clientId}`);
    expect(written.some((sk) => sk.startsWith('DUE#'))).toBe(true);
    expect(written.filter((sk) => sk.startsWith('PARTIAL#'))).toEqual([]);
  });

  it('an idle run reads one small item per clinic and writes nothing but its run record', async () => {
    clock.advance(1_000);
    await run();
    const { store: watching, commands } = recording(p.db);
    clock.advance(1_000);
    const idle = await run({}, watching);
    expect(idle).toMatchObject({ status: 'completed', clinics: 0, eventsRead: 0, clientsDerived: 0 });
    const keysRead = batchGetKeys(commands).map((k) => k.pk);
    expect(keysRead.sort()).toEqual((await listClinics(p.db)).map((c) => `AGGREGATION#${c.clinicId}`).sort());
    // Queries: only the clinic registry, never a change feed or a metrics partition.
    const queried = commands.filter((c) => c.name === 'QueryCommand').map((c) => (c.input.ExpressionAttributeValues as Record<string, string>)[':pk']);
    expect(queried.every((pk) => pk === 'CLINICS')).toBe(true);
    const written = commands.filter((c) => /Put|Update|BatchWrite/.test(c.name)).map((c) => (c.input.Key ?? c.input.Item) as { pk: string });
    expect(written.every((k) => k.pk.startsWith('AGGREGATION-RUN#') || k.pk === 'AGGREGATION')).toBe(true);
  });
  it('in-process, finished tasks are counted down in groups, and the group that leaves none pending runs the network step', async () => {
    // Twenty clinics never aggregated, so twenty-odd tasks in one run.
    for (let i = 0; i < 20; i++) await putClinic(p.db, { clinicId: `group-${String(i).padStart(2, '0')}`, timeZone: 'UTC', researchConsent: false, updatedAt: clock.now().toISOString() });
    const countDowns: number[] = [];
    const watching = wrapStore(p.db, (command, send) => {
      const { Key, UpdateExpression, ExpressionAttributeValues } = command.input as { Key?: { pk: string }; UpdateExpression?: string; ExpressionAttributeValues?: Record<string, number> };
      if (command.constructor.name === 'UpdateCommand' && Key?.pk.startsWith('AGGREGATION-RUN#') && UpdateExpression?.startsWith('ADD pending')) countDowns.push(-ExpressionAttributeValues![':done']!);
      return send(command as never);
    });
    clock.advance(1_000);
    const report = await run({}, watching);
    expect(report).toMatchObject({ status: 'completed', pending: 0, clinicsFailed: 0 });
    expect(report.clinics).toBeGreaterThanOrEqual(20);
    expect(report.clinicsRun).toBe(report.clinics);
    expect(report.networkMs).toBeGreaterThanOrEqual(0);
    // Every task counted once, in fewer updates than tasks.
    expect(countDowns.reduce((x, y) => x + y, 0)).toBe(report.clinics);
    expect(countDowns.length).toBeLessThan(report.clinics);
  });
});

// The aggregation Lambda entry as EventBridge Scheduler invokes it (the payload the CDK schedule
// sends, infra/constructs/aggregation.ts), with the environment a deployment gives it: TABLE_NAME
// only, so the default settle and overlap apply. The handler is imported after the environment is set.
// Time is the scheduled time of each payload and the ingest stamps are fixed around it: the test
// never waits, and nothing depends on when it runs.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../functions/local/embedded-dynamodb.js';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { putClinic } from '../../functions/store/clinics.js';
import { putEvents } from '../../functions/store/put-events.js';
import { getClinicView } from '../../functions/store/clinic-view.js';
import { getCounselorViews } from '../../functions/store/counselor-views.js';
import { getNetworkView } from '../../functions/store/network-view.js';
import { acquireAggregationLease, releaseAggregationLease } from '../../functions/store/aggregation-lease.js';
import { eventSchema, type Event } from '../../functions/events/schema.js';
import type { AggregationReport } from '../../functions/aggregation/run-aggregation.js';
import { sampleEvents } from '../support/test-platform.js';

const CLINIC = 'hillside';
type Handler = (event: unknown, context?: Context) => Promise<AggregationReport>;

let dynamo: EmbeddedDynamoDb;
let db: ReturnType<typeof createDocumentClient>;
let handler: Handler;
const tableName = `lambda-agg-${randomBytes(4).toString('hex')}`;

const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'outcomes-test-aggregation',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:outcomes-test-aggregation',
  memoryLimitInMB: '1024',
  awsRequestId: '0b7e5f6a-3c2d-4e1f-9a8b-7c6d5e4f3a2b',
  logGroupName: '/aws/lambda/outcomes-test-aggregation',
  logStreamName: '2026/11/25/[$LATEST]fedcba9876543210',
  getRemainingTimeInMillis: () => 300_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
};

/** The first scheduled run; every instant of the test is an offset from it. */
const T0 = Date.parse('2026-01-15T10:00:00Z');
const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

/** What the CDK schedule's target input becomes once Scheduler fills in its context attributes (whole seconds). */
const schedulerPayload = (offsetMs: number) => ({
  source: 'outcomes.scheduler',
  scheduledTime: at(offsetMs).replace('.000Z', 'Z'),
  executionId: randomUUID(),
});

const events = (tag: string, clientId: string, counselorId = 'co-1') =>
  sampleEvents(CLINIC, tag, clientId).map((e) => eventSchema.parse({ ...e, counselorId })) as Event[];

/** Log lines written by Powertools Logger during `fn` (info to stdout, warnings to stderr), parsed. */
async function logsOf<T>(fn: () => Promise<T>): Promise<{ value: T; lines: Record<string, unknown>[] }> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    const value = await fn();
    return {
      value,
      lines: written
        .join('')
        .split('\n')
        .filter((l) => l.trim().startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

beforeAll(async () => {
  dynamo = await startEmbeddedDynamoDb();
  vi.stubEnv('DYNAMODB_ENDPOINT', dynamo.endpoint);
  vi.stubEnv('TABLE_NAME', tableName);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'outcomes-aggregation');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  vi.stubEnv('POWERTOOLS_DEV', '');

  db = createDocumentClient(dynamo.endpoint);
  await ensureTable(db);
  await putClinic(db, { clinicId: CLINIC, timeZone: 'Europe/Berlin', researchConsent: true, updatedAt: at(-3_600_000) });
  // Ingested a minute before the first run: well past the default 2 s settle time.
  await putEvents(db, [...events('h1', 'client-h1'), ...events('h2', 'client-h2', 'co-2')], at(-60_000));

  ({ handler } = (await import('../../functions/lambda/aggregate.js')) as unknown as { handler: Handler });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await dynamo?.close();
});

describe('aggregation Lambda handler (EventBridge Scheduler)', () => {
  it('a first scheduled run is full, reads every settled event and stores the views', async () => {
    expect(await getClinicView(db, CLINIC)).toBeUndefined();
    // In flight: ingested half a second before the run, inside the settle time, so it waits for the next run.
    await putEvents(db, events('h3', 'client-h3'), at(-500));

    const payload = schedulerPayload(0);
    const { value: report, lines } = await logsOf(() => handler(payload, context));

    expect(report).toMatchObject({ status: 'completed', mode: 'full', clinics: 1, eventsRead: 18, clientsDerived: 2 });
    // The scheduled time is the as-of time, so a retried delivery computes the same window.
    expect(report.asOf).toBe(new Date(payload.scheduledTime).toISOString());
    // The window ends the default settle time (2 s) before the as-of time.
    expect(Date.parse(report.asOf!) - Date.parse(report.window!.to)).toBe(2_000);
    expect(report.window!.from).toBe('1970-01-01T00:00:00.000Z');

    const view = await getClinicView(db, CLINIC);
    expect(view).toBeDefined();
    expect(view!).toMatchObject({ clinicId: CLINIC, timeZone: 'Europe/Berlin', asOf: report.asOf });
    expect(view!.metrics.clients).toBe(2);
    expect(view!.metrics.attainment.collaborative).toMatchObject({ closedGoals: 2, achieved: 2 });
    expect((await getCounselorViews(db, [CLINIC], 'co-2')).map((v) => v.counselorId)).toEqual(['co-2']);
    expect((await getNetworkView(db, 'all'))?.asOf).toBe(report.asOf);

    // Powertools writes one JSON line with the report, tagged with the invocation's context.
    const done = lines.find((l) => l.message === 'aggregation completed');
    expect(done).toMatchObject({
      level: 'INFO',
      service: 'outcomes-aggregation',
      function_request_id: context.awsRequestId,
      function_name: context.functionName,
      report: { status: 'completed', mode: 'full', eventsRead: 18 },
    });
  });

  it('the next run is incremental and picks up the event that was still settling', async () => {
    // Three seconds later the in-flight batch is past the 2 s settle time.
    const report = await logsOf(() => handler(schedulerPayload(3_000), context)).then((r) => r.value);
    // The 120 s overlap re-reads the first batch (a minute old) beside the new one: no harm, same figures.
    expect(report).toMatchObject({ status: 'completed', mode: 'incremental', eventsRead: 27, clientsDerived: 3 });
    const view = await getClinicView(db, CLINIC);
    expect(view!.asOf).toBe(report.asOf);
    expect(view!.metrics.clients).toBe(3);
  });

  it('returns busy without failing when another run holds the lease', async () => {
    // A lease guards live processes, so it runs on the wall clock, not on the scheduled time.
    expect(await acquireAggregationLease(db, 'another-invocation', new Date(), 60_000)).toBe(true);
    try {
      const before = await getClinicView(db, CLINIC);
      const { value: report, lines } = await logsOf(() => handler(schedulerPayload(5_000), context));
      expect(report).toEqual({ status: 'busy' });
      expect(lines.some((l) => l.level === 'WARN' && String(l.message).includes('lease'))).toBe(true);
      expect(await getClinicView(db, CLINIC)).toEqual(before);
    } finally {
      await releaseAggregationLease(db, 'another-invocation');
    }
  });

  // New clinics start without research consent: the research view then covers no clinic at all.
  it('aggregates a deployment in which no clinic has research consent yet', async () => {
    // A separate table: same endpoint and handler, TABLE_NAME is read on every call.
    vi.stubEnv('TABLE_NAME', `lambda-agg-noconsent-${randomBytes(4).toString('hex')}`);
    try {
      await ensureTable(db);
      await putClinic(db, { clinicId: 'newclinic', timeZone: 'UTC', researchConsent: false, updatedAt: at(-3_600_000) });
      await putEvents(db, sampleEvents('newclinic', 'n1', 'client-n1').map((e) => eventSchema.parse(e)) as Event[], at(-60_000));
      const report = await logsOf(() => handler(schedulerPayload(6_000), context)).then((r) => r.value);
      expect(report).toMatchObject({ status: 'completed', mode: 'full', eventsRead: 9 });
      expect((await getClinicView(db, 'newclinic'))?.metrics.clients).toBe(1);
    } finally {
      vi.stubEnv('TABLE_NAME', tableName);
    }
  });

  it('also runs when invoked without a context (a manual test invocation)', async () => {
    const report = await logsOf(() => handler({})).then((r) => r.value);
    expect(report.status).toBe('completed');
  });
});

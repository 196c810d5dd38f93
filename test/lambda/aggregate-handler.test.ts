// The aggregation's Lambda entries as AWS invokes them: the scheduled coordinator (the payload the
// CDK schedule sends, infra/constructs/aggregation.ts) puts one task per clinic with work on the
// task queue, and the worker (an SQS event of those messages) runs them and then the network step.
// The store is real (dynalite); SQS, an AWS-only service, is aws-sdk-client-mock capturing what
// the coordinator sends, so the test hands exactly those messages to the worker.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context, SQSEvent, SQSBatchResponse } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../functions/local/embedded-dynamodb.js';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { putClinic } from '../../functions/store/clinics.js';
import { putEvents } from '../../functions/store/put-events.js';
import { getClinicView } from '../../functions/store/clinic-view.js';
import { getCounselorView } from '../../functions/store/counselor-views.js';
import { getNetworkView } from '../../functions/store/network-view.js';
import { getRun } from '../../functions/store/aggregation-runs.js';
import { acquireClinicLease } from '../../functions/store/clinic-aggregation.js';
import { eventSchema, type Event } from '../../functions/events/schema.js';
import { sampleEvents } from '../support/test-platform.js';

const CLINIC = 'hillside';
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/outcomes-aggregation-tasks';
type Coordinator = (event: unknown, context?: Context) => Promise<{ runId: string; asOf: string; tasks: number }>;
type Worker = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

let dynamo: EmbeddedDynamoDb;
let db: ReturnType<typeof createDocumentClient>;
let coordinator: Coordinator;
let worker: Worker;
const sqs = mockClient(SQSClient);
const tableName = `lambda-agg-${randomBytes(4).toString('hex')}`;
const T0 = Date.parse('2026-11-20T10:00:00.000Z');

const context = (functionName: string): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
  memoryLimitInMB: '1024',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: '2026/11/25/[$LATEST]fedcba9876543210',
  getRemainingTimeInMillis: () => 300_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
});

/** What the CDK schedule's target input becomes once Scheduler fills in its context attributes. */
const schedulerPayload = (scheduledTime: number) => ({
  source: 'outcomes.scheduler',
  scheduledTime: new Date(scheduledTime).toISOString().replace('.000Z', 'Z'),
  executionId: randomUUID(),
});

const events = (tag: string, clientId: string, counselorId = 'co-1') =>
  sampleEvents(CLINIC, tag, clientId).map((e) => eventSchema.parse({ ...e, counselorId })) as Event[];

/** The messages the coordinator sent since the last call, as the SQS event a worker receives. */
function sentAsSqsEvent(): SQSEvent {
  const bodies = sqs.commandCalls(SendMessageBatchCommand).flatMap((call) => call.args[0].input.Entries!.map((e) => e.MessageBody!));
  sqs.resetHistory();
  return sqsEvent(bodies);
}

function sqsEvent(bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body) => ({
      messageId: randomUUID(),
      receiptHandle: 'handle',
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:outcomes-aggregation-tasks',
      awsRegion: 'eu-west-1',
    })),
  };
}

async function scheduledRun(at: number) {
  const started = await coordinator(schedulerPayload(at), context('outcomes-test-aggregation'));
  const response = await worker(sentAsSqsEvent(), context('outcomes-test-aggregation-worker'));
  return { started, response, run: (await getRun(db, started.runId))! };
}

beforeAll(async () => {
  dynamo = await startEmbeddedDynamoDb();
  vi.stubEnv('DYNAMODB_ENDPOINT', dynamo.endpoint);
  vi.stubEnv('TABLE_NAME', tableName);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AGGREGATION_QUEUE_URL', QUEUE_URL);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'ERROR');
  db = createDocumentClient(dynamo.endpoint);
  await ensureTable(db);
  await putClinic(db, { clinicId: CLINIC, timeZone: 'Europe/Berlin', researchConsent: true, updatedAt: new Date(T0).toISOString() });
  await putEvents(db, [...events('h1', 'client-h1'), ...events('h2', 'client-h2', 'co-2')], new Date(T0).toISOString());
  ({ handler: coordinator } = (await import('../../functions/lambda/aggregate.js')) as unknown as { handler: Coordinator });
  ({ handler: worker } = (await import('../../functions/lambda/aggregate-worker.js')) as unknown as { handler: Worker });
});

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
});

afterAll(async () => {
  sqs.restore();
  vi.unstubAllEnvs();
  await dynamo?.close();
});

describe('aggregation Lambda entries (EventBridge Scheduler → coordinator → SQS → worker)', () => {
  it('the coordinator queues one task per clinic with work; the worker runs it and the network step', async () => {
    const at = T0 + 60_000;
    // Ingested inside the default 2 s settle time before the scheduled time: read if visible, but
    // past the new watermark, so the next run reads it again should it have been in flight.
    await putEvents(db, events('h3', 'client-h3'), new Date(at - 500).toISOString());
    const { started, response, run } = await scheduledRun(at);

    expect(started).toMatchObject({ asOf: new Date(at).toISOString(), tasks: 1 });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(run).toMatchObject({ status: 'completed', clinics: 1, clinicsRun: 1, eventsRead: 27, clientsDerived: 3 });

    const view = await getClinicView(db, CLINIC);
    expect(view).toMatchObject({ clinicId: CLINIC, timeZone: 'Europe/Berlin', asOf: run.asOf });
    expect(view!.metrics.clients).toBe(3);
    expect([await getCounselorView(db, [CLINIC], 'co-2')].map((v) => v?.counselorId)).toEqual(['co-2']);
    expect((await getNetworkView(db, 'all'))?.asOf).toBe(run.asOf);
  });

  it('a run with a new event re-reads the settling span and the overlap beside it, to no effect', async () => {
    const before = (await getClinicView(db, CLINIC))!.metrics;
    await putEvents(db, events('h5', 'client-h5'), new Date(T0 + 2 * 60_000).toISOString());
    const { run } = await scheduledRun(T0 + 3 * 60_000);
    // Since the watermark (T0 + 58 s) less the default 120 s overlap: every event, of four clients;
    // only the one whose event set grew is re-derived, the re-read events change nothing.
    expect(run).toMatchObject({ status: 'completed', clinics: 1, eventsRead: 36, clientsDerived: 1 });
    const after = (await getClinicView(db, CLINIC))!.metrics;
    expect(after.clients).toBe(before.clients + 1);
  });

  it('a scheduled run with nothing new queues nothing and completes at once', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const { started, run } = await scheduledRun(T0 + 6 * 60_000).finally(() => spy.mockRestore());
    // The staleness alarms' metrics, in CloudWatch's embedded metric format.
    const emf = written.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => '_aws' in l);
    expect(emf).toMatchObject({ StaleClinics: 0, FailingClinics: 0, _aws: { CloudWatchMetrics: [{ Namespace: 'Outcomes/Aggregation', Dimensions: [['Stage']] }] } });
    expect(started.tasks).toBe(0);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
    expect(run).toMatchObject({ status: 'completed', clinics: 0 });
  });

  it('a task that finds its clinic leased by another worker reports it busy and changes nothing', async () => {
    await putEvents(db, events('h4', 'client-h4'), new Date(T0 + 6 * 60_000).toISOString());
    expect(await acquireClinicLease(db, CLINIC, 'another-worker', new Date(), 60_000)).toBeDefined();
    const before = await getClinicView(db, CLINIC);
    const { run } = await scheduledRun(T0 + 7 * 60_000);
    expect(run).toMatchObject({ status: 'completed', clinics: 1, clinicsBusy: 1, clinicsRun: 0 });
    expect(await getClinicView(db, CLINIC)).toEqual(before);
  });

  it('"run now" from the API: a coordinate message starts the queued run', async () => {
    const { queueRun } = await import('../../functions/aggregation/run-aggregation.js');
    const queued = await queueRun(db, { now: new Date(T0 + 8 * 60_000) });
    expect(await worker(sqsEvent([JSON.stringify({ kind: 'coordinate', runId: queued.runId })]))).toEqual({ batchItemFailures: [] });
    expect((await getRun(db, queued.runId))!.status).toBe('running');
    // The coordinator put the clinic's task on the queue for a worker, with the registration it read.
    const tasks = sentAsSqsEvent();
    expect(tasks.Records.map((r) => JSON.parse(r.body))).toEqual([
      { kind: 'clinic', runId: queued.runId, clinicId: CLINIC, asOf: queued.asOf, full: false, clinic: expect.objectContaining({ clinicId: CLINIC, timeZone: 'Europe/Berlin' }) },
    ]);
  });

  it('drops a malformed message instead of redelivering it forever', async () => {
    expect(await worker(sqsEvent(['{"kind":"clinic"}', 'not json']))).toEqual({ batchItemFailures: [] });
  });
});

// Aggregation runs, one item each: "run now" answers with a run id at once, and the status route
// reads the run back. A run's clinic tasks may finish on different workers: finished tasks (one on
// a worker, a group of them in-process) add their figures with one atomic update and count `pending`
// down; the update that brings it to zero says so in its result, and its caller runs the network step.
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { aggregationKeys } from './keys.js';
import { tableName } from './table.js';

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';

/** The figures of a run, summed over its clinic tasks. */
export interface RunTotals {
  clinicsRun: number;
  clinicsFailed: number;
  clinicsBusy: number;
  eventsRead: number;
  clientsDerived: number;
  itemsRead: number;
  itemsWritten: number;
}

export interface AggregationRun extends RunTotals {
  runId: string;
  status: RunStatus;
  asOf: string;
  full: boolean;
  requestedAt: string;
  startedAt?: string;
  completedAt?: string;
  /** Clinics the coordinator handed out. */
  clinics: number;
  pending: number;
  /** Why the run itself failed (a clinic's failure is recorded on the clinic instead). */
  error?: string;
  /** How long the network step took. */
  networkMs?: number;
}

// Run items are kept for a week (DynamoDB TTL in AWS; harmless locally, where nothing expires).
const RUN_TTL_SECONDS = 7 * 86_400;
const totals = ['clinicsRun', 'clinicsFailed', 'clinicsBusy', 'eventsRead', 'clientsDerived', 'itemsRead', 'itemsWritten'] as const;

/** Every figure of a run zero: a run's before any task finishes. */
export const noRunTotals = (): RunTotals => Object.fromEntries(totals.map((t) => [t, 0])) as unknown as RunTotals;

/** Stores a queued run and resolves with it. */
export async function createRun(db: DynamoDBDocumentClient, run: { runId: string; asOf: string; full: boolean; requestedAt: string }): Promise<AggregationRun> {
  const item: AggregationRun = {
    ...run,
    status: 'queued',
    clinics: 0,
    pending: 0,
    ...noRunTotals(),
  };
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...aggregationKeys.run(run.runId), ...item, expiresAt: Math.floor(Date.parse(run.requestedAt) / 1000) + RUN_TTL_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return item;
}

export async function getRun(db: DynamoDBDocumentClient, runId: string): Promise<AggregationRun | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: aggregationKeys.run(runId), ConsistentRead: true }));
  return Item ? toRun(Item) : undefined;
}

/** The coordinator has handed out `clinics` tasks. */
export async function startRun(db: DynamoDBDocumentClient, runId: string, clinics: number, startedAt: string): Promise<void> {
  await updateRun(db, runId, 'SET #status = :running, clinics = :n, pending = :n, startedAt = :at', { ':running': 'running', ':n': clinics, ':at': startedAt });
}

/**
 * Adds the figures of `tasks` finished clinic tasks (one on a worker; a group in-process); resolves
 * true once no task is pending. Queue delivery is at least once, so a redelivered task can count
 * twice and reach zero while one is still running: then that one, ending below zero, is told so
 * too and the network step simply runs again.
 */
export async function recordTasks(db: DynamoDBDocumentClient, runId: string, tasks: number, figures: RunTotals): Promise<boolean> {
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: aggregationKeys.run(runId),
      UpdateExpression: `ADD pending :done, ${totals.map((t) => `${t} :${t}`).join(', ')}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':done': -tasks,
        ...Object.fromEntries(totals.map((t) => [`:${t}`, figures[t]])),
      },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return (Attributes?.pending as number) <= 0;
}

export async function finishRun(
  db: DynamoDBDocumentClient,
  runId: string,
  outcome: { status: 'completed' | 'failed'; completedAt: string; error?: string; networkMs?: number },
): Promise<AggregationRun> {
  const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: aggregationKeys.run(runId),
        UpdateExpression: `SET #status = :status, completedAt = :at${outcome.error ? ', #error = :error' : ''}${outcome.networkMs === undefined ? '' : ', networkMs = :networkMs'}`,
        ExpressionAttributeNames: { '#status': 'status', ...(outcome.error ? { '#error': 'error' } : {}) },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':at': outcome.completedAt,
          ...(outcome.error ? { ':error': outcome.error } : {}),
          ...(outcome.networkMs === undefined ? {} : { ':networkMs': outcome.networkMs }),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
  const run = toRun(Attributes!);
  await db.send(new PutCommand({ TableName: tableName(), Item: { ...aggregationKeys.lastRun(), run } }));
  return run;
}

/** The run that finished last, if any. */
export async function lastRun(db: DynamoDBDocumentClient): Promise<AggregationRun | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: aggregationKeys.lastRun() }));
  return Item ? (Item.run as AggregationRun) : undefined;
}

async function updateRun(db: DynamoDBDocumentClient, runId: string, UpdateExpression: string, values: Record<string, unknown>) {
  await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: aggregationKeys.run(runId),
        UpdateExpression,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      }),
    );
}

function toRun(item: Record<string, unknown>): AggregationRun {
  const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...run } = item;
  return run as unknown as AggregationRun;
}

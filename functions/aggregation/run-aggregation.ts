// The aggregation run: a coordinator picks the clinics with work (new events, clients due, a
// changed zone or consent, a failure to retry), hands each to a clinic task (clinic-task.ts), and
// when the last task of the run is done, the network step folds the network views once.
//
// Where the tasks run is the caller's choice (`dispatch`): here in-process with a small
// concurrency (local mode, the CLI, tests), or one SQS message per clinic for worker Lambdas on
// AWS (lambda/aggregate-worker.ts). Either way finished tasks count the run's pending tasks down
// (each worker's task by itself, in `finishClinicTask`; in-process in groups), and the update that
// leaves none pending runs the network step.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clinicAggregations } from '../store/clinic-aggregation.js';
import { listClinics } from '../store/clinics.js';
import { createRun, finishRun, getRun, noRunTotals, recordTasks, startRun, type AggregationRun } from '../store/aggregation-runs.js';
import { runClinicTask, type ClinicTaskOptions, type ClinicTaskReport } from './clinic-task.js';
import { freshnessOf, pendingWork, type ClinicFreshness } from './clinics-to-run.js';
import { aggregateNetwork } from './network-step.js';

/** One clinic task of a run, as it travels on the task queue. */
export const clinicTaskMessage = z.object({
  runId: z.string().min(1),
  clinicId: z.string().min(1),
  asOf: z.iso.datetime(),
  full: z.boolean(),
  /**
   * The clinic's registration as the coordinator read it, which spares the task a read. A zone or
   * consent changed since is seen by the next run's coordinator, which takes the clinic again.
   */
  clinic: z.object({ clinicId: z.string().min(1), timeZone: z.string(), researchConsent: z.boolean(), updatedAt: z.string() }).optional(),
});
export type ClinicTaskMessage = z.infer<typeof clinicTaskMessage>;

export type TaskTuning = Pick<ClinicTaskOptions, 'settleMs' | 'overlapMs' | 'leaseMs' | 'wallClock'>;

export interface AggregationOptions extends TaskTuning {
  /** The as-of time of the figures; defaults to the wall clock. */
  now?: Date;
  /** Re-derive every clinic from its whole change feed. */
  full?: boolean;
  /** A run already created (queued) by "run now"; otherwise a new one. */
  runId?: string;
  /** Clinic tasks at once in-process. */
  concurrency?: number;
  onProgress?: (line: string) => void;
}

// Tasks mostly wait on the store: a few more than the cores keep it busy.
const DEFAULT_CONCURRENCY = 8;

/** Creates a queued run: "run now" answers with its id before the run starts. */
export async function queueRun(db: DynamoDBDocumentClient, options: { now?: Date; full?: boolean } = {}): Promise<AggregationRun> {
  const runId = randomUUID();
  const asOf = (options.now ?? new Date()).toISOString();
  return createRun(db, { runId, asOf, full: options.full ?? false, requestedAt: new Date().toISOString() });
}

/** What the coordinator found: the tasks it handed out, and the clinics behind or failing before they run. */
export interface Coordination {
  tasks: number;
  stale: number;
  failing: number;
}

/**
 * The coordinator: reads every clinic's registration and bookkeeping item (nothing else), starts
 * the run with the clinics that have work and hands their tasks to `dispatch`. A run with no work
 * completes at once, without a network step: nothing it reads has changed.
 */
export async function coordinateRun(
  db: DynamoDBDocumentClient,
  run: Pick<AggregationRun, 'runId' | 'asOf' | 'full'>,
  dispatch: (tasks: ClinicTaskMessage[]) => Promise<void>,
  onProgress: (line: string) => void = () => {},
): Promise<Coordination> {
  const clinics = await listClinics(db);
  const states = await clinicAggregations(db, clinics.map((c) => c.clinicId));
  const tasks: ClinicTaskMessage[] = [];
  const freshness: ClinicFreshness[] = [];
  for (const clinic of clinics) {
    const state = states.get(clinic.clinicId);
    const pending = pendingWork(clinic, state, run.asOf);
    freshness.push(freshnessOf(state, pending, run.asOf));
    const work = run.full ? { reason: 'full' } : pending;
    if (!work) continue;
    onProgress(`  ${clinic.clinicId}: ${work.reason}`);
    tasks.push({ runId: run.runId, clinicId: clinic.clinicId, asOf: run.asOf, full: run.full, clinic });
  }
  onProgress(`run ${run.runId} as of ${run.asOf}: ${tasks.length} of ${clinics.length} clinics have work`);
  await startRun(db, run.runId, tasks.length, new Date().toISOString());
  if (tasks.length === 0) await finishRun(db, run.runId, { status: 'completed', completedAt: new Date().toISOString() });
  else await dispatch(tasks);
  return { tasks: tasks.length, stale: freshness.filter((f) => f === 'stale').length, failing: freshness.filter((f) => f === 'failing').length };
}

/** Runs one clinic task of a run and counts it done; the run's last task runs the network step. */
export async function finishClinicTask(db: DynamoDBDocumentClient, task: ClinicTaskMessage, tuning: TaskTuning = {}): Promise<ClinicTaskReport> {
  const report = await runTask(db, task, tuning);
  await countTasksDown(db, task, [report]);
  return report;
}

const runTask = (db: DynamoDBDocumentClient, task: ClinicTaskMessage, tuning: TaskTuning) =>
  runClinicTask(db, task.clinicId, { ...tuning, asOf: task.asOf, full: task.full, ...(task.clinic ? { clinic: task.clinic } : {}) });

/** Adds finished tasks' figures to their run in one update; the update that leaves none pending runs the network step. */
async function countTasksDown(db: DynamoDBDocumentClient, run: Pick<ClinicTaskMessage, 'runId' | 'asOf'>, reports: readonly ClinicTaskReport[]) {
  const figures = noRunTotals();
  for (const report of reports) {
    if (report.status === 'completed') figures.clinicsRun += 1;
    else if (report.status === 'failed') figures.clinicsFailed += 1;
    else figures.clinicsBusy += 1;
    figures.eventsRead += report.eventsRead;
    figures.clientsDerived += report.clientsDerived;
    figures.itemsRead += report.itemsRead;
    figures.itemsWritten += report.itemsWritten;
  }
  if (await recordTasks(db, run.runId, reports.length, figures)) await runNetworkStep(db, run.runId, run.asOf);
}

async function runNetworkStep(db: DynamoDBDocumentClient, runId: string, asOf: string) {
  const started = performance.now();
  try {
    await aggregateNetwork(db, { asOf });
    await finishRun(db, runId, { status: 'completed', completedAt: new Date().toISOString(), networkMs: Math.round(performance.now() - started) });
  } catch (error) {
    await finishRun(db, runId, { status: 'failed', completedAt: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) });
  }
}

// In-process, finished tasks are counted down in groups: one update of the run item per group
// instead of one per task (a store round trip each), while the run's status still shows progress.
const COUNT_EVERY = 16;

/** A whole run in this process: coordinator, clinic tasks a few at a time, network step. */
export async function runAggregation(db: DynamoDBDocumentClient, options: AggregationOptions = {}): Promise<AggregationRun> {
  const run = options.runId ? await getRun(db, options.runId) : await queueRun(db, options);
  if (!run) throw new Error(`no aggregation run ${options.runId}`);
  const progress = options.onProgress ?? (() => {});
  const { settleMs, overlapMs, leaseMs, wallClock } = options;
  try {
    await coordinateRun(
      db,
      run,
      (tasks) => {
        let finished: ClinicTaskReport[] = [];
        let left = tasks.length;
        return inParallel(tasks, options.concurrency ?? DEFAULT_CONCURRENCY, async (task) => {
          const report = await runTask(db, task, { settleMs, overlapMs, leaseMs, wallClock });
          progress(`  ${task.clinicId}: ${report.status}${report.mode ? ` (${report.mode})` : ''}, ${report.clientsDerived} clients${report.error ? `: ${report.error}` : ''}`);
          finished.push(report);
          left -= 1;
          if (finished.length < COUNT_EVERY && left > 0) return;
          const group = finished;
          finished = [];
          await countTasksDown(db, task, group);
        });
      },
      progress,
    );
  } catch (error) {
    // The coordinator itself failed (the store is down): the run says so; the next run starts over.
    await finishRun(db, run.runId, { status: 'failed', completedAt: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) }).catch(() => {});
    throw error;
  }
  return (await getRun(db, run.runId))!;
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

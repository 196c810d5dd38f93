// One host's runs, one after another: the local timer and "run now" queue here, and each run
// executes in-process (clinic tasks a few at a time). Across processes and Lambdas, each clinic's
// fenced lease keeps tasks of one clinic apart.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { AggregationRun } from '../store/aggregation-runs.js';
import { DEFAULT_OVERLAP_MS, DEFAULT_SETTLE_MS } from './clinic-task.js';
import { queueRun, runAggregation, type AggregationOptions } from './run-aggregation.js';

const envSchema = z.object({
  AGGREGATION_SETTLE_SECONDS: z.coerce.number().min(0).default(DEFAULT_SETTLE_MS / 1000),
  AGGREGATION_OVERLAP_SECONDS: z.coerce.number().min(0).default(DEFAULT_OVERLAP_MS / 1000),
});

export function aggregationOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<AggregationOptions, 'settleMs' | 'overlapMs'> {
  const parsed = envSchema.parse(env);
  return { settleMs: parsed.AGGREGATION_SETTLE_SECONDS * 1000, overlapMs: parsed.AGGREGATION_OVERLAP_SECONDS * 1000 };
}

export interface AggregationRunner {
  /** Records a queued run and resolves with it at once; the run follows in the background. */
  start(options?: AggregationOptions): Promise<AggregationRun>;
  /** Queues a run and resolves when it has finished. */
  run(options?: AggregationOptions): Promise<AggregationRun>;
  /** Whether a run is under way or waiting; the timer skips a tick then. */
  readonly busy: boolean;
  /** Resolves when every queued run has finished, for a clean shutdown. */
  idle(): Promise<void>;
}

export function createAggregationRunner(db: DynamoDBDocumentClient, defaults: AggregationOptions = {}): AggregationRunner {
  let queue: Promise<unknown> = Promise.resolve();
  let pending = 0;
  const enqueue = (queued: AggregationRun, options: AggregationOptions) => {
    pending++;
    const next = queue.then(() => runAggregation(db, { ...defaults, ...options, runId: queued.runId }));
    queue = next.catch(() => {}).finally(() => pending--);
    return next;
  };
  const queued = (options: AggregationOptions) => queueRun(db, { now: options.now ?? defaults.now, full: options.full ?? defaults.full });
  return {
    get busy() {
      return pending > 0;
    },
    idle: () => queue.then(() => {}),
    async start(options = {}) {
      const run = await queued(options);
      // The run's own record says how it ended; nothing more to tell here.
      enqueue(run, options).catch(() => {});
      return run;
    },
    async run(options = {}) {
      return enqueue(await queued(options), options);
    },
  };
}

// One host's runs, one after another: the local timer and "run now" never overlap in-process
// (across processes and Lambdas, the lease in the store keeps them apart).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { DEFAULT_OVERLAP_MS, DEFAULT_SETTLE_MS, runAggregation, type AggregationOptions, type AggregationReport } from './run-aggregation.js';

const envSchema = z.object({
  AGGREGATION_SETTLE_SECONDS: z.coerce.number().min(0).default(DEFAULT_SETTLE_MS / 1000),
  AGGREGATION_OVERLAP_SECONDS: z.coerce.number().min(0).default(DEFAULT_OVERLAP_MS / 1000),
});

export function aggregationOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<AggregationOptions, 'settleMs' | 'overlapMs'> {
  const parsed = envSchema.parse(env);
  return { settleMs: parsed.AGGREGATION_SETTLE_SECONDS * 1000, overlapMs: parsed.AGGREGATION_OVERLAP_SECONDS * 1000 };
}

export interface AggregationRunner {
  run(options?: AggregationOptions): Promise<AggregationReport>;
  /** Whether a run is under way or waiting; the timer skips a tick then. */
  readonly busy: boolean;
  /** Resolves when every queued run has finished, for a clean shutdown. */
  idle(): Promise<void>;
}

export function createAggregationRunner(db: DynamoDBDocumentClient, defaults: AggregationOptions = {}): AggregationRunner {
  let queue: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    get busy() {
      return pending > 0;
    },
    idle: () => queue.then(() => {}),
    run(options = {}) {
      pending++;
      const next = queue.then(() => runAggregation(db, { ...defaults, ...options }));
      queue = next.catch(() => {}).finally(() => pending--);
      return next;
    },
  };
}

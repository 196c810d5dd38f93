// Lambda entry for EventBridge Scheduler: one incremental aggregation run per invocation.
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { runAggregation } from '../aggregation/run-aggregation.js';
import { aggregationOptionsFromEnv } from '../aggregation/aggregation-runner.js';
import { documentClient } from '../store/dynamodb-client.js';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'outcomes-aggregation' });

// What infra/constructs/aggregation.ts sends. The scheduled time is the run's as-of time, so a
// retried delivery computes the same window; any other payload runs as of now.
const schedulerPayload = z.object({ scheduledTime: z.iso.datetime({ offset: true }), executionId: z.string().optional() });

export async function handler(event: unknown, context?: Context) {
  logger.addContext(context ?? ({} as Context));
  const payload = schedulerPayload.safeParse(event);
  const schedule = payload.success ? payload.data : undefined;
  const report = await runAggregation(documentClient(), {
    ...aggregationOptionsFromEnv(),
    ...(schedule ? { now: new Date(schedule.scheduledTime) } : {}),
    onProgress: (line) => logger.debug(line),
  });
  if (report.status === 'busy') logger.warn('another aggregation holds the lease; this run did nothing', { schedule });
  else logger.info('aggregation completed', { report, schedule });
  return report;
}

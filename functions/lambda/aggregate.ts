// Lambda entry for EventBridge Scheduler: starts one aggregation run. The coordinator picks the
// clinics with work and puts one task per clinic on the task queue, for the worker Lambdas.
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { coordinateRun, queueRun } from '../aggregation/run-aggregation.js';
import { clinicFreshnessMetrics } from '../aggregation/freshness-metrics.js';
import { documentClient } from '../store/dynamodb-client.js';
import { sendClinicTasks } from './task-queue-client.js';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'outcomes-aggregation' });

// What infra/constructs/aggregation.ts sends. The scheduled time is the run's as-of time, so a
// retried delivery computes the same figures; any other payload runs as of now.
const schedulerPayload = z.object({ scheduledTime: z.iso.datetime({ offset: true }), executionId: z.string().optional() });

export async function handler(event: unknown, context?: Context) {
  logger.addContext(context ?? ({} as Context));
  const payload = schedulerPayload.safeParse(event);
  const schedule = payload.success ? payload.data : undefined;
  const db = documentClient();
  const run = await queueRun(db, schedule ? { now: new Date(schedule.scheduledTime) } : {});
  const found = await coordinateRun(db, run, sendClinicTasks);
  logger.info('aggregation run started', { runId: run.runId, asOf: run.asOf, ...found, schedule });
  // The staleness alarm's metrics (infra/constructs/aggregation.ts), in CloudWatch's embedded metric
  // format: Lambda's log stream carries them into CloudWatch with no API call from here.
  process.stdout.write(`${JSON.stringify(clinicFreshnessMetrics(found, process.env.STAGE ?? 'local'))}\n`);
  return { runId: run.runId, asOf: run.asOf, ...found };
}

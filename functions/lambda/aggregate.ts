// Lambda entry for EventBridge Scheduler: one incremental aggregation run per invocation.
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { runAggregation } from '../aggregation/run-aggregation.js';
import { aggregationOptionsFromEnv } from '../aggregation/aggregation-runner.js';
import { documentClient } from '../store/client.js';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'outcomes-aggregation' });

/** The Scheduler's payload is ignored apart from being logged by id: every run reads the watermark. */
export async function handler(_event: unknown, context?: Context) {
  logger.addContext(context ?? ({} as Context));
  const report = await runAggregation(documentClient(), { ...aggregationOptionsFromEnv(), onProgress: (line) => logger.debug(line) });
  if (report.status === 'busy') logger.warn('another aggregation holds the lease; this run did nothing');
  else logger.info('aggregation completed', { report });
  return report;
}

// Lambda entry for the aggregation task queue (SQS): a "coordinate" message runs a run's
// coordinator (what "run now" queues), a "clinic" message one clinic task. A task records its own
// failure on the clinic and returns, so only a failure to reach the store or the queue fails the
// record; SQS then redelivers it, and after a few tries moves it to the dead-letter queue.
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { aggregationOptionsFromEnv } from '../aggregation/aggregation-runner.js';
import { coordinateRun, finishClinicTask } from '../aggregation/run-aggregation.js';
import { taskQueueMessage, type TaskQueueMessage } from '../aggregation/task-queue.js';
import { getRun } from '../store/aggregation-runs.js';
import { documentClient } from '../store/dynamodb-client.js';
import { sendClinicTasks } from './task-queue-client.js';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'outcomes-aggregation-worker' });

async function handle(message: TaskQueueMessage) {
  const db = documentClient();
  if (message.kind === 'coordinate') {
    const run = await getRun(db, message.runId);
    if (run?.status !== 'queued') return logger.warn('run already started or unknown; nothing to do', { runId: message.runId });
    await coordinateRun(db, run, sendClinicTasks);
    return logger.info('aggregation run started', { runId: run.runId, asOf: run.asOf });
  }
  const report = await finishClinicTask(db, message, aggregationOptionsFromEnv());
  if (report.status === 'failed') logger.error('clinic task failed; the next run retries it', { report });
  else logger.info('clinic task done', { report });
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  logger.addContext(context ?? ({} as Context));
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const parsed = taskQueueMessage.safeParse(parseJson(record.body));
    // A malformed message can never succeed: log it and let it go rather than redeliver it.
    if (!parsed.success) {
      logger.error('malformed task message dropped', { messageId: record.messageId });
      continue;
    }
    try {
      await handle(parsed.data);
    } catch (error) {
      logger.error('task failed; SQS will redeliver it', { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

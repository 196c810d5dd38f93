// The process-wide SQS client of the Lambdas that put work on the aggregation task queue.
import { SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import type { ClinicTaskMessage } from '../aggregation/run-aggregation.js';
import { clinicMessages, sendToTaskQueue } from '../aggregation/task-queue.js';

let shared: SQSClient | undefined;

const taskQueueClient = () => (shared ??= new SQSClient({}));

const taskQueueUrl = () => z.url().parse(process.env.AGGREGATION_QUEUE_URL);

/** A coordinator's dispatch: one "clinic" message per task, for the worker Lambdas. */
export const sendClinicTasks = (tasks: readonly ClinicTaskMessage[]) => sendToTaskQueue(taskQueueClient(), taskQueueUrl(), clinicMessages(tasks));

/** "Run now" on AWS: a message for a worker to coordinate the queued run `runId`. */
export const sendCoordinate = (runId: string) => sendToTaskQueue(taskQueueClient(), taskQueueUrl(), [{ kind: 'coordinate', runId }]);

// The process-wide SQS client of the Lambdas that put work on the aggregation task queue.
import { SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';

let shared: SQSClient | undefined;

export const taskQueueClient = () => (shared ??= new SQSClient({}));

export const taskQueueUrl = () => z.url().parse(process.env.AGGREGATION_QUEUE_URL);

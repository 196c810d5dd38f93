// The aggregation's work queue on AWS (SQS): "coordinate" messages start a run's coordinator,
// "clinic" messages carry one clinic task each. Worker Lambdas consume both; the clinic's fenced
// lease, not message ordering, keeps two tasks of a clinic from overwriting each other.
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { clinicTaskMessage, type ClinicTaskMessage } from './run-aggregation.js';

export const taskQueueMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coordinate'), runId: z.string().min(1) }),
  clinicTaskMessage.extend({ kind: z.literal('clinic') }),
]);
export type TaskQueueMessage = z.infer<typeof taskQueueMessage>;

// SendMessageBatch takes 10 entries at a time.
const BATCH_SIZE = 10;

export async function sendToTaskQueue(sqs: SQSClient, queueUrl: string, messages: readonly TaskQueueMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += BATCH_SIZE) {
    const batch = messages.slice(i, i + BATCH_SIZE);
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((m, j) => ({ Id: String(j), MessageBody: JSON.stringify(m) })),
      }),
    );
    if (result.Failed?.length) throw new Error(`the task queue refused ${result.Failed.length} messages: ${result.Failed[0]!.Message ?? result.Failed[0]!.Code}`);
  }
}

export const clinicMessages = (tasks: readonly ClinicTaskMessage[]): TaskQueueMessage[] => tasks.map((t) => ({ kind: 'clinic', ...t }));

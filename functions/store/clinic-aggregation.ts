// Each clinic's aggregation bookkeeping, in one small item (aggregationKeys.clinic):
//  - what the last completed task of the clinic covered: watermark, as-of time, time zone and
//    consent it derived with, how many distinct events it knows, when a client is next due;
//  - a fenced lease: taking it bumps `fence`, and every item the task writes carries that fence
//    (fenced-put.ts), so a task that outlived its lease can't overwrite a newer task's results;
//  - the last failure, kept until a task of the clinic completes;
//  - `eventsStored`, which ingest adds to (put-events.ts): a strongly consistent count the task
//    compares with what the change-feed index showed it, so index lag can never skip an event.
// Updates name only their own attributes, so ingest's counter and the task's fields never clobber.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from './batch-get.js';
import { aggregationKeys } from './keys.js';
import { retryThrottled } from './retry-throttled.js';
import { tableName } from './table.js';

export interface ClinicAggregation {
  clinicId: string;
  /** Every event ingested before this instant is in the clinic's figures. Absent before the first task. */
  watermark?: string;
  /** The as-of time of the clinic's figures. */
  asOf?: string;
  /** The zone and consent the figures were derived with: a change re-derives the clinic. */
  timeZone?: string;
  researchConsent?: boolean;
  /** Distinct events in the clinic's client states. */
  eventsKnown: number;
  /** Events ingest has stored for the clinic. More than eventsKnown: the clinic has work. */
  eventsStored: number;
  /** When ingest first stored an event the figures don't hold yet (cleared by a caught-up task). */
  pendingSince?: string;
  /** The earliest instant a client's figures change with time alone. */
  nextDueAt?: string;
  completedAt?: string;
  /** The last failure since the last completed task. */
  error?: { message: string; at: string; attempts: number };
  fence: number;
  leaseOwner?: string;
  leaseExpiresAt?: string;
}

const toClinicAggregation = (item: Record<string, unknown>): ClinicAggregation => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return { eventsKnown: 0, eventsStored: 0, fence: 0, ...(rest as Partial<ClinicAggregation>), clinicId: rest.clinicId as string };
};

/** The bookkeeping of some clinics; a clinic never aggregated nor ingested into is absent. */
export async function clinicAggregations(db: DynamoDBDocumentClient, clinicIds: readonly string[]): Promise<Map<string, ClinicAggregation>> {
  const items = await batchGetAll(db, clinicIds.map(aggregationKeys.clinic));
  return new Map(items.map((i) => [i.clinicId as string, toClinicAggregation(i)]));
}

/** Ingest's side: `count` more events of the clinic are stored. */
export async function countStoredEvents(db: DynamoDBDocumentClient, clinicId: string, count: number, storedAt: string): Promise<void> {
  await retryThrottled(() =>
    db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: aggregationKeys.clinic(clinicId),
        UpdateExpression: 'SET clinicId = :clinic, pendingSince = if_not_exists(pendingSince, :at) ADD eventsStored :n',
        ExpressionAttributeValues: { ':clinic': clinicId, ':n': count, ':at': storedAt },
      }),
    ),
  );
}

/**
 * Takes the clinic's lease unless another live task holds it; resolves with the bookkeeping as
 * it stands, including this task's fence, or undefined when the lease is held.
 */
export async function acquireClinicLease(
  db: DynamoDBDocumentClient,
  clinicId: string,
  owner: string,
  now: Date,
  durationMs: number,
): Promise<ClinicAggregation | undefined> {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: aggregationKeys.clinic(clinicId),
        UpdateExpression: 'SET clinicId = :clinic, leaseOwner = :owner, leaseExpiresAt = :expires ADD fence :one',
        ConditionExpression: 'attribute_not_exists(leaseOwner) OR leaseExpiresAt < :now',
        ExpressionAttributeValues: {
          ':clinic': clinicId,
          ':owner': owner,
          ':expires': new Date(now.getTime() + durationMs).toISOString(),
          ':now': now.toISOString(),
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toClinicAggregation(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

export class LeaseLostError extends Error {
  constructor(clinicId: string) {
    super(`the aggregation lease of ${clinicId} passed to a newer task`);
  }
}

type Completion = Required<Pick<ClinicAggregation, 'watermark' | 'asOf' | 'timeZone' | 'researchConsent' | 'eventsKnown' | 'completedAt'>> &
  Pick<ClinicAggregation, 'nextDueAt'>;

/** Records a completed task and releases the lease, if the lease is still this task's. */
export async function completeClinicTask(db: DynamoDBDocumentClient, clinicId: string, fence: number, done: Completion, caughtUp: boolean): Promise<void> {
  const fields = Object.entries(done).filter(([, v]) => v !== undefined);
  const removed = [...(done.nextDueAt === undefined ? ['nextDueAt'] : []), ...(caughtUp ? ['pendingSince'] : []), '#error', 'leaseOwner', 'leaseExpiresAt'];
  await fencedUpdate(db, clinicId, fence, {
    UpdateExpression: `SET ${fields.map(([k]) => `#${k} = :${k}`).join(', ')} REMOVE ${removed.join(', ')}`,
    ExpressionAttributeNames: { ...Object.fromEntries(fields.map(([k]) => [`#${k}`, k])), '#error': 'error' },
    ExpressionAttributeValues: Object.fromEntries(fields.map(([k, v]) => [`:${k}`, v])),
  });
}

/** Records a failed task (the next run retries the clinic) and releases the lease. */
export async function failClinicTask(db: DynamoDBDocumentClient, clinicId: string, fence: number, message: string, at: string, attempts: number): Promise<void> {
  await fencedUpdate(db, clinicId, fence, {
    UpdateExpression: 'SET #error = :error REMOVE leaseOwner, leaseExpiresAt',
    ExpressionAttributeNames: { '#error': 'error' },
    // Bounded, so a long stack of messages can't grow the small item.
    ExpressionAttributeValues: { ':error': { message: message.slice(0, 500), at, attempts } },
  });
}

/** Lets the lease go without recording anything (a task that found nothing to do). */
export async function releaseClinicLease(db: DynamoDBDocumentClient, clinicId: string, fence: number): Promise<void> {
  await fencedUpdate(db, clinicId, fence, { UpdateExpression: 'REMOVE leaseOwner, leaseExpiresAt' });
}

async function fencedUpdate(
  db: DynamoDBDocumentClient,
  clinicId: string,
  fence: number,
  update: { UpdateExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> },
) {
  try {
    await retryThrottled(() =>
      db.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: aggregationKeys.clinic(clinicId),
          ...update,
          ConditionExpression: 'fence = :fence',
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':fence': fence },
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new LeaseLostError(clinicId);
    throw error;
  }
}

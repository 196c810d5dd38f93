// Each clinic's aggregation bookkeeping, in one small item (aggregationKeys.clinic):
//  - what the last completed task of the clinic covered: watermark, as-of time, time zone and
//    consent it derived with, how many distinct events it knows, when a client is next due;
//  - a fenced lease: taking it bumps `fence` and sets the rewriting mark; a task near or past its
//    lease's end proves the fence still its own before it writes (proveLease), and every task when
//    it completes, so a task that outlived its lease while a newer one ran stops there instead of
//    writing over the newer task's results;
//  - the last failure, kept until a task of the clinic completes;
//  - how many events ingest stored per second of ingest time (`stored@YYYY-MM-DDTHH:MM:SS`, added to
//    by put-events.ts): strongly consistent counts the task compares, second by second, with what
//    the change-feed index showed it, so the watermark never passes a second the index has not
//    shown in full, and index lag can never skip an event. Counts behind the watermark are dropped,
//    so the item holds only the seconds since the last run that had events.
// Updates name only their own attributes, so ingest's counter and the task's fields never clobber.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from './batch-get.js';
import { aggregationKeys } from './keys.js';
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
  /** Events ingest stored per second of ingest time (`YYYY-MM-DDTHH:MM:SS`), from the watermark on: any means work. */
  storedBySecond: Record<string, number>;
  /** When ingest first stored an event the figures don't hold yet (cleared by a caught-up task). */
  pendingSince?: string;
  /** The earliest instant a client's figures change with time alone. */
  nextDueAt?: string;
  completedAt?: string;
  /**
   * Set when a task takes the lease, cleared when it completes (or fails before writing): a task
   * that finds it set by another (`rewritingBy`) knows that one died, perhaps half-way through its
   * writes (or its full rebuild, 'full'), and rebuilds the clinic's figures from its client states
   * instead of adjusting them.
   */
  rewriting?: 'full' | 'partial';
  /** The lease owner that set `rewriting`. */
  rewritingBy?: string;
  /** The layout of the clinic's stored figures; one made by an older layout is rebuilt. */
  layout?: number;
  /**
   * The counselors with a stored fold, as the task that completed at `asOf` left them (absent for
   * a clinic of many counselors). A list whose `asOf` is not the clinic's was left by an earlier
   * task, perhaps of an earlier version that did not keep it: it is not to be trusted.
   */
  counselorFolds?: { asOf: string; counselorIds: string[] };
  /** The last failure since the last completed task. */
  error?: { message: string; at: string; attempts: number };
  fence: number;
  leaseOwner?: string;
  leaseExpiresAt?: string;
}

/**
 * The layout of the figures a clinic task stores: 2 is per-client rows and due items and folds
 * kept by delta (1, the first per-clinic layout, had caseload chunks and stored counselor views).
 * A clinic whose figures are of another layout is rebuilt by its next task.
 */
export const FIGURES_LAYOUT = 2;

const STORED_PREFIX = 'stored@';
/** The second of an ingest time, as the counts key it. */
export const ingestSecond = (ingestedAt: string) => ingestedAt.slice(0, 19);

const toClinicAggregation = (item: Record<string, unknown>): ClinicAggregation => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  const storedBySecond: Record<string, number> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (!name.startsWith(STORED_PREFIX)) continue;
    storedBySecond[name.slice(STORED_PREFIX.length)] = value as number;
    delete rest[name];
  }
  return { fence: 0, ...(rest as Partial<ClinicAggregation>), storedBySecond, clinicId: rest.clinicId as string };
};

/** The bookkeeping of some clinics; a clinic never aggregated nor ingested into is absent. */
export async function clinicAggregations(db: DynamoDBDocumentClient, clinicIds: readonly string[]): Promise<Map<string, ClinicAggregation>> {
  const items = await batchGetAll(db, clinicIds.map(aggregationKeys.clinic));
  return new Map(items.map((i) => [i.clinicId as string, toClinicAggregation(i)]));
}

/** Ingest's side: `count` more events of the clinic are stored. */
export async function countStoredEvents(db: DynamoDBDocumentClient, clinicId: string, count: number, storedAt: string): Promise<void> {
  await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: aggregationKeys.clinic(clinicId),
        UpdateExpression: 'SET clinicId = :clinic, pendingSince = if_not_exists(pendingSince, :at) ADD #second :n',
        ExpressionAttributeNames: { '#second': `${STORED_PREFIX}${ingestSecond(storedAt)}` },
        ExpressionAttributeValues: { ':clinic': clinicId, ':n': count, ':at': storedAt },
      }),
    );
}

/**
 * Takes the clinic's lease unless another live task holds it; resolves with the bookkeeping as
 * it stands, including this task's fence, or undefined when the lease is held. It also marks the
 * clinic as being rewritten (`rewriting`, kept as it is when a dead task left it, except that a
 * full rebuild says so), so a task writes nothing before its mark is down.
 */
export async function acquireClinicLease(
  db: DynamoDBDocumentClient,
  clinicId: string,
  owner: string,
  now: Date,
  durationMs: number,
  rewriting: NonNullable<ClinicAggregation['rewriting']> = 'partial',
): Promise<ClinicAggregation | undefined> {
  const mark = rewriting === 'full' ? 'rewriting = :rewriting' : 'rewriting = if_not_exists(rewriting, :rewriting)';
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: aggregationKeys.clinic(clinicId),
        UpdateExpression: `SET clinicId = :clinic, leaseOwner = :owner, leaseExpiresAt = :expires, ${mark}, rewritingBy = if_not_exists(rewritingBy, :owner) ADD fence :one`,
        ConditionExpression: 'attribute_not_exists(leaseOwner) OR leaseExpiresAt < :now',
        ExpressionAttributeValues: {
          ':clinic': clinicId,
          ':owner': owner,
          ':expires': new Date(now.getTime() + durationMs).toISOString(),
          ':now': now.toISOString(),
          ':one': 1,
          ':rewriting': rewriting,
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

type Completion = Required<Pick<ClinicAggregation, 'watermark' | 'asOf' | 'timeZone' | 'researchConsent' | 'completedAt' | 'layout'>> &
  Pick<ClinicAggregation, 'nextDueAt' | 'counselorFolds'>;

/**
 * Records a completed task and releases the lease, if the lease is still this task's. `passed`
 * names the seconds of ingest counts now behind the watermark; `caughtUp`, that none is left.
 */
export async function completeClinicTask(
  db: DynamoDBDocumentClient,
  clinicId: string,
  fence: number,
  done: Completion,
  passed: readonly string[],
  caughtUp: boolean,
): Promise<void> {
  const fields = Object.entries(done).filter(([, v]) => v !== undefined);
  const seconds = passed.map((second, i) => [`#passed${i}`, `${STORED_PREFIX}${second}`] as const);
  const removed = [
    ...(done.nextDueAt === undefined ? ['nextDueAt'] : []),
    ...(done.counselorFolds === undefined ? ['counselorFolds'] : []),
    ...(caughtUp ? ['pendingSince'] : []),
    ...seconds.map(([name]) => name),
    '#error',
    'rewriting',
    'rewritingBy',
    'leaseOwner',
    'leaseExpiresAt',
  ];
  await fencedUpdate(db, clinicId, fence, {
    UpdateExpression: `SET ${fields.map(([k]) => `#${k} = :${k}`).join(', ')} REMOVE ${removed.join(', ')}`,
    ExpressionAttributeNames: { ...Object.fromEntries(fields.map(([k]) => [`#${k}`, k])), ...Object.fromEntries(seconds), '#error': 'error' },
    ExpressionAttributeValues: Object.fromEntries(fields.map(([k, v]) => [`:${k}`, v])),
  });
}

/**
 * Proves the lease still this task's (LeaseLostError otherwise), for a task whose lease has too
 * little time left to vouch for its writes: they go in batches, which carry no condition of their own.
 */
export async function proveLease(db: DynamoDBDocumentClient, clinicId: string, fence: number): Promise<void> {
  await fencedUpdate(db, clinicId, fence, { UpdateExpression: 'SET fence = :fence' });
}

/**
 * Records a failed task (the next run retries the clinic) and releases the lease. A task that
 * wrote nothing and set the rewriting mark itself takes the mark away: there is nothing to repair.
 */
export async function failClinicTask(
  db: DynamoDBDocumentClient,
  clinicId: string,
  fence: number,
  failure: { message: string; at: string; attempts: number; clearMark: boolean },
): Promise<void> {
  const { message, at, attempts, clearMark } = failure;
  await fencedUpdate(db, clinicId, fence, {
    UpdateExpression: `SET #error = :error REMOVE leaseOwner, leaseExpiresAt${clearMark ? ', rewriting, rewritingBy' : ''}`,
    ExpressionAttributeNames: { '#error': 'error' },
    // Bounded, so a long stack of messages can't grow the small item.
    ExpressionAttributeValues: { ':error': { message: message.slice(0, 500), at, attempts } },
  });
}

async function fencedUpdate(
  db: DynamoDBDocumentClient,
  clinicId: string,
  fence: number,
  update: { UpdateExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> },
) {
  try {
    await db.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: aggregationKeys.clinic(clinicId),
          ...update,
          ConditionExpression: 'fence = :fence',
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':fence': fence },
        }),
      );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new LeaseLostError(clinicId);
    throw error;
  }
}

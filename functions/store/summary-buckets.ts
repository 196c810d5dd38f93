// A clinic's client summaries in buckets (by a hash of the client id), so that re-folding a clinic
// reads a handful of items rather than one per client. Beside the summaries, each bucket keeps its
// clients' next due times, including clients whose every event is still in the future (no summary
// yet), so a run can find the clients that time alone has changed.
import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientSummary } from '../metrics/index.js';
import { metricKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

/** 16 buckets of gzipped summaries hold about 25,000 clients per clinic under 400 KB each. */
export const SUMMARY_BUCKETS = 16;

export interface SummaryBucket {
  bucket: number;
  summaries: ClientSummary[];
  /** clientId → the instant its figures next change with time alone. */
  due: Record<string, string>;
}

export const summaryBucketOf = (clientId: string) => createHash('sha1').update(clientId).digest().readUInt16BE(0) % SUMMARY_BUCKETS;

export const summaryBucketItem = (clinicId: string, { bucket, summaries, due }: SummaryBucket) => ({
  ...metricKeys.summaryBucket(clinicId, bucket),
  bucket,
  summaries: packJson(summaries),
  due: packJson(due),
});

/** Every stored bucket of a clinic. */
export async function summaryBuckets(db: DynamoDBDocumentClient, clinicId: string): Promise<SummaryBucket[]> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': metricKeys.summaryBucketPrefix },
    ConsistentRead: true,
  });
  return items.map((i) => ({
    bucket: i.bucket as number,
    summaries: unpackJson<ClientSummary[]>(i.summaries as Uint8Array),
    due: unpackJson<Record<string, string>>(i.due as Uint8Array),
  }));
}

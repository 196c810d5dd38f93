// A clinic's client summaries in a fixed number of buckets (by a hash of the client id), so that
// re-folding a clinic reads a handful of items rather than one per client.
import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientSummary } from '../metrics/index.js';
import { metricKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

/** 16 buckets of gzipped summaries hold about 25,000 clients per clinic under 400 KB each. */
export const SUMMARY_BUCKETS = 16;

export const summaryBucketOf = (clientId: string) => createHash('sha1').update(clientId).digest().readUInt16BE(0) % SUMMARY_BUCKETS;

export const summaryBucketItem = (clinicId: string, bucket: number, summaries: ClientSummary[]) => ({
  ...metricKeys.summaryBucket(clinicId, bucket),
  bucket,
  summaries: packJson(summaries),
});

/** Every stored summary of a clinic, by bucket. */
export async function summaryBuckets(db: DynamoDBDocumentClient, clinicId: string): Promise<Map<number, ClientSummary[]>> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': metricKeys.summaryBucketPrefix },
    ConsistentRead: true,
  });
  return new Map(items.map((i) => [i.bucket as number, unpackJson<ClientSummary[]>(i.summaries as Uint8Array)]));
}

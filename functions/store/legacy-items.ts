// Items of the first per-clinic layout that the current one no longer reads: whole caseloads in
// chunks (`SUMMARIES#`), stored counselor views (`COUNSELOR#`) and the chunk filing (`FILING`).
// The task that rebuilds a clinic of that layout deletes them, so an upgraded store holds no
// figures that nothing keeps up to date.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { legacyMetricKeys, metricKeys, type PrimaryKey } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export async function legacyItemKeys(db: DynamoDBDocumentClient, clinicId: string): Promise<PrimaryKey[]> {
  const pk = metricKeys.partition(clinicId);
  const found = await Promise.all(
    legacyMetricKeys.prefixes.map((prefix) =>
      queryAll<PrimaryKey>(db, {
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ProjectionExpression: 'pk, sk',
      }),
    ),
  );
  // Deleting a key that isn't there is a no-op: the filing needs no read.
  return [...found.flat(), legacyMetricKeys.filing(clinicId)];
}

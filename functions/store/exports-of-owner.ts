// GET /v1/exports: one researcher's exports, newest first.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { toExportJob, type ExportJob } from './export-jobs.js';
import { exportKeys } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export async function exportsOfOwner(db: DynamoDBDocumentClient, owner: string): Promise<ExportJob[]> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': exportKeys.ownerPartition(owner), ':prefix': exportKeys.jobPrefix },
    ConsistentRead: true,
  });
  return items.map(toExportJob).sort((x, y) => (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : 0));
}

// What each clinic's worker wrote for an export: its files with their checksums, its row counts and
// generalisation counts, or (aggregate profile) its unsuppressed counts, which never leave the table:
// only the finalizer reads them, to suppress across clinics.
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { exportKeys } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export interface ExportPartFile {
  path: string;
  table: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface ExportPart {
  exportId: string;
  clinicCode: string;
  /** Internal only (the audit log's scope); never written to a file. */
  clinicId: string;
  /** True when the clinic's consent was withdrawn between request and run: it contributed nothing. */
  withheld: boolean;
  files: ExportPartFile[];
  suppression: Record<string, number>;
  /** Aggregate profile: per table, the clinic's counts in the table's cell order. */
  counts?: Record<string, number[]>;
}

/** Writes (or, for a retried worker, replaces) a clinic's part; true when it is the clinic's first. */
export async function putExportPart(db: DynamoDBDocumentClient, part: ExportPart): Promise<boolean> {
  const { Attributes } = await db.send(
    new PutCommand({ TableName: tableName(), Item: { ...exportKeys.part(part.exportId, part.clinicCode), ...part }, ReturnValues: 'ALL_OLD' }),
  );
  return Attributes === undefined;
}

export async function exportParts(db: DynamoDBDocumentClient, exportId: string): Promise<ExportPart[]> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': exportKeys.partPartition(exportId) },
    ConsistentRead: true,
  });
  return items.map(({ pk: _pk, sk: _sk, ...part }) => part as unknown as ExportPart);
}

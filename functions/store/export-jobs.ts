// A research export's record (issue 10): its parameters, progress and, once done, its summary.
// The files themselves live in the export storage (S3 or .data/exports/), not in the table.
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditPurpose } from './audit-log.js';
import { exportKeys } from './keys.js';
import { tableName } from './table.js';

export const exportProfiles = ['safe_harbor', 'aggregate'] as const;
export const exportFormats = ['csv', 'ndjson', 'parquet'] as const;
/** The audit log's purposes (SPEC §7) that can justify a research export. */
export const exportPurposes = ['research', 'quality_improvement'] as const satisfies readonly AuditPurpose[];
export type ExportPurpose = (typeof exportPurposes)[number];
export type ExportProfile = (typeof exportProfiles)[number];
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportParameters {
  purpose: ExportPurpose;
  protocolRef: string;
  profile: ExportProfile;
  format: ExportFormat;
  clinics?: string[];
  from?: string;
  to?: string;
}

export interface ExportSummary {
  rows: Record<string, number>;
  /** Records generalised per rung and suppressed (safe_harbor), or cells suppressed (aggregate). */
  suppression: Record<string, number>;
  files: number;
  manifestSha256: string;
}

export type ExportStatus = 'running' | 'complete' | 'failed';

export interface ExportJob {
  exportId: string;
  owner: string;
  role: string;
  createdAt: string;
  /** The as-of time T of every figure in it: the moment it was requested. */
  asOf: string;
  parameters: ExportParameters;
  clinicsTotal: number;
  clinicsDone: number;
  status: ExportStatus;
  completedAt?: string;
  summary?: ExportSummary;
  error?: string;
}

const key = (owner: string, exportId: string) => exportKeys.job(owner, exportId);

export async function putExportJob(db: DynamoDBDocumentClient, job: ExportJob): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName(), Item: { ...key(job.owner, job.exportId), ...job }, ConditionExpression: 'attribute_not_exists(pk)' }));
}

export async function getExportJob(db: DynamoDBDocumentClient, owner: string, exportId: string): Promise<ExportJob | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: key(owner, exportId), ConsistentRead: true }));
  return Item ? toExportJob(Item) : undefined;
}

export function toExportJob(item: Record<string, unknown>): ExportJob {
  const { pk: _pk, sk: _sk, ...job } = item;
  return job as unknown as ExportJob;
}

/** A worker finished its clinic: one atomic ADD, so parallel workers never lose a count. */
export async function countClinicDone(db: DynamoDBDocumentClient, owner: string, exportId: string): Promise<void> {
  await db.send(
    new UpdateCommand({ TableName: tableName(), Key: key(owner, exportId), UpdateExpression: 'ADD clinicsDone :one', ExpressionAttributeValues: { ':one': 1 } }),
  );
}

export async function completeExportJob(db: DynamoDBDocumentClient, owner: string, exportId: string, completedAt: string, summary: ExportSummary): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key(owner, exportId),
      UpdateExpression: 'SET #status = :complete, completedAt = :at, summary = :summary',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':complete': 'complete', ':at': completedAt, ':summary': summary },
    }),
  );
}

export async function failExportJob(db: DynamoDBDocumentClient, owner: string, exportId: string, error: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key(owner, exportId),
      UpdateExpression: 'SET #status = :failed, #error = :error',
      ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
      ExpressionAttributeValues: { ':failed': 'failed', ':error': error },
    }),
  );
}

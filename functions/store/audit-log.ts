// SPEC §7: an append-only log. The conditional put means an entry, once written, is never replaced.
import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditKeys } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export interface AuditEntry {
  at: string;
  actor: string;
  role: string;
  scope: string[];
  action: string;
  purpose?: string;
  rows?: number;
  suppressedCells?: number;
  checksums?: string[];
  /** Research exports (issue 10): which export, under which protocol and parameters, and what it held. */
  exportId?: string;
  protocolRef?: string;
  parameters?: Record<string, unknown>;
  rowCounts?: Record<string, number>;
  suppression?: Record<string, number>;
  file?: string;
}

export async function appendAudit(db: DynamoDBDocumentClient, entry: AuditEntry): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...auditKeys.primary(entry.at, randomUUID()), ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** The entries of one UTC day, oldest first. */
export async function auditEntriesOn(db: DynamoDBDocumentClient, day: string): Promise<AuditEntry[]> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': auditKeys.partition(day) },
  });
  return items.map(({ pk: _pk, sk: _sk, ...entry }) => entry as unknown as AuditEntry);
}

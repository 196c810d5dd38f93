// SPEC §7: an append-only log. The conditional put means an entry, once written, is never replaced.
// A day's entries are spread over AUDIT_SHARDS partitions and read a page at a time: a page merges
// the shards in sort-key order, and its last sort key is where the next page starts.
import { randomInt, randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AUDIT_SHARDS, auditKeys } from './keys.js';
import { tableName } from './table.js';

/** Why client-level data was read or exported (HIPAA's purposes of use, 45 CFR 164.506 and 164.512(i)). */
export const auditPurposes = ['treatment', 'operations', 'quality_improvement', 'research'] as const;
export type AuditPurpose = (typeof auditPurposes)[number];

export interface AuditEntry {
  at: string;
  /** Who acted: a token's subject, or `cli:<user>` for a command run on the host. */
  actor: string;
  role: string;
  scope: string[];
  action: string;
  /** Whose data or which thing it was about: the counselor of a caseload, and the client of a timeline; the key of a key action. */
  subject?: { counselorId?: string; clientId?: string; keyId?: string };
  purpose?: AuditPurpose;
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
      Item: { ...auditKeys.primary(entry.at, randomUUID(), randomInt(AUDIT_SHARDS)), ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export interface AuditPage {
  entries: AuditEntry[];
  /** The sort key of the page's last entry when more follow, else null. */
  after: string | null;
}

/** Up to `limit` entries of one UTC day, oldest first, after the sort key `after`. */
export async function auditEntriesOn(db: DynamoDBDocumentClient, day: string, limit: number, after?: string): Promise<AuditPage> {
  const shards = await Promise.all(
    Array.from({ length: AUDIT_SHARDS }, (_, shard) =>
      db.send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: after ? 'pk = :pk AND sk > :after' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': auditKeys.partition(day, shard), ...(after ? { ':after': after } : {}) },
          Limit: limit,
        }),
      ),
    ),
  );
  const items = shards.flatMap((page) => page.Items ?? []).sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
  const page = items.slice(0, limit);
  const more = items.length > limit || shards.some((s) => s.LastEvaluatedKey);
  return {
    entries: page.map(({ pk: _pk, sk: _sk, ...entry }) => entry as AuditEntry),
    after: more && page.length > 0 ? (page.at(-1)!.sk as string) : null,
  };
}

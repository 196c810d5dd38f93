// Ingest keys are bearer secrets: only their SHA-256 is stored, so a leaked table leaks no key.
// Each key is two items: the lookup by hash that authenticates a request, and a listing item
// under its clinic that names the hash, so that an admin can list and revoke keys. Revoking
// stamps the lookup item first: from then on the key is refused.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { apiKeyKeys } from './keys.js';
import { tableName } from './table.js';

export interface IngestKey {
  keyId: string;
  clinicId: string;
  createdAt: string;
  revokedAt: string | null;
}

const KEY_PREFIX = 'ok_';

export const hashIngestKey = (secret: string) => createHash('sha256').update(secret).digest('hex');

const toIngestKey = (item: Record<string, unknown>): IngestKey => ({
  keyId: item.keyId as string,
  clinicId: item.clinicId as string,
  createdAt: item.createdAt as string,
  revokedAt: (item.revokedAt as string | undefined) ?? null,
});

export async function createIngestKey(
  db: DynamoDBDocumentClient,
  clinicId: string,
  createdAt: string,
): Promise<IngestKey & { secret: string }> {
  const secret = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const secretHash = hashIngestKey(secret);
  const key = { keyId: randomUUID(), clinicId, createdAt };
  // The listing first: a key that authenticates can always be found and revoked.
  for (const Item of [
    { ...apiKeyKeys.byClinic(clinicId, key.keyId), ...key, secretHash },
    { ...apiKeyKeys.primary(secretHash), ...key },
  ]) {
    await db.send(new PutCommand({ TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' }));
  }
  return { ...key, revokedAt: null, secret };
}

/** The key a secret belongs to, if it is known and not revoked. */
export async function findIngestKey(db: DynamoDBDocumentClient, secret: string): Promise<IngestKey | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: apiKeyKeys.primary(hashIngestKey(secret)), ConsistentRead: true }),
  );
  if (!Item || Item.revokedAt) return undefined;
  return toIngestKey(Item);
}

/** A clinic's keys, revoked ones included, oldest first. A clinic has a handful: one page. */
export async function listIngestKeys(db: DynamoDBDocumentClient, clinicId: string): Promise<IngestKey[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': apiKeyKeys.clinicPartition(clinicId) },
    }),
  );
  return Items.map(toIngestKey).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Revokes a clinic's key; revoking it again keeps the first time. Undefined when the clinic has no such key. */
export async function revokeIngestKey(
  db: DynamoDBDocumentClient,
  clinicId: string,
  keyId: string,
  revokedAt: string,
): Promise<IngestKey | undefined> {
  const { Item: listed } = await db.send(
    new GetCommand({ TableName: tableName(), Key: apiKeyKeys.byClinic(clinicId, keyId), ConsistentRead: true }),
  );
  if (!listed) return undefined;
  const stamp = (key: { pk: string; sk: string }) =>
    db
      .send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key,
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': revokedAt },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  await stamp(apiKeyKeys.primary(listed.secretHash as string));
  await stamp(apiKeyKeys.byClinic(clinicId, keyId));
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: apiKeyKeys.byClinic(clinicId, keyId), ConsistentRead: true }),
  );
  return toIngestKey(Item!);
}

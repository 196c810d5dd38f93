// Ingest keys are bearer secrets: only their SHA-256 is stored, so a leaked table leaks no key.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { apiKeyKeys } from './keys.js';
import { tableName } from './table.js';

export interface IngestKey {
  keyId: string;
  clinicId: string;
  createdAt: string;
}

const KEY_PREFIX = 'ok_';

export const hashIngestKey = (secret: string) => createHash('sha256').update(secret).digest('hex');

export async function createIngestKey(
  db: DynamoDBDocumentClient,
  clinicId: string,
  createdAt = new Date().toISOString(),
): Promise<IngestKey & { secret: string }> {
  const secret = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const key: IngestKey = { keyId: randomUUID(), clinicId, createdAt };
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...apiKeyKeys.primary(hashIngestKey(secret)), ...key },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return { ...key, secret };
}

export async function findIngestKey(db: DynamoDBDocumentClient, secret: string): Promise<IngestKey | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: apiKeyKeys.primary(hashIngestKey(secret)) }),
  );
  if (!Item) return undefined;
  return { keyId: Item.keyId, clinicId: Item.clinicId, createdAt: Item.createdAt };
}

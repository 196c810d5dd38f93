// The registry of director scopes (the set of clinics in one director's token) that the network
// suppression protects against (SPEC §7 threat model). The platform has no user directory: tokens
// come from the identity provider. So a multi-clinic scope is registered the first time it reads
// the network comparison, and every aggregation run after that protects against it; until then
// the breakdown is withheld from it. A single-clinic scope needs no entry: every clinic alone is
// always protected against.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { directorScopeKeys } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export interface DirectorScope {
  clinicIds: string[];
  registeredAt: string;
}

/** Registers the scope at `at`; a scope already registered keeps its first time. */
export async function registerDirectorScope(db: DynamoDBDocumentClient, clinicIds: readonly string[], at: string): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...directorScopeKeys.primary(clinicIds), clinicIds: [...clinicIds].sort(), registeredAt: at },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
}

export async function getDirectorScope(db: DynamoDBDocumentClient, clinicIds: readonly string[]): Promise<DirectorScope | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: directorScopeKeys.primary(clinicIds) }));
  return Item ? { clinicIds: Item.clinicIds as string[], registeredAt: Item.registeredAt as string } : undefined;
}

export async function directorScopes(db: DynamoDBDocumentClient): Promise<DirectorScope[]> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': directorScopeKeys.partition, ':prefix': directorScopeKeys.sortPrefix },
  });
  return items.map((item) => ({ clinicIds: item.clinicIds as string[], registeredAt: item.registeredAt as string }));
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clinicKeys } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export interface Clinic {
  clinicId: string;
  /** IANA zone: days, weeks and months are counted in it (SPEC §3). */
  timeZone: string;
  researchConsent: boolean;
  updatedAt: string;
}

export async function putClinic(db: DynamoDBDocumentClient, clinic: Clinic): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName(), Item: { ...clinicKeys.primary(clinic.clinicId), ...clinic } }));
}

export type ClinicChanges = Partial<Pick<Clinic, 'timeZone' | 'researchConsent'>>;

/** Changes only the given settings of an existing clinic; undefined when there is no such clinic. */
export async function updateClinic(
  db: DynamoDBDocumentClient,
  clinicId: string,
  changes: ClinicChanges,
  updatedAt: string,
): Promise<Clinic | undefined> {
  const fields = Object.entries({ ...changes, updatedAt }).filter(([, value]) => value !== undefined);
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: clinicKeys.primary(clinicId),
        UpdateExpression: `SET ${fields.map(([name]) => `#${name} = :${name}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(fields.map(([name]) => [`#${name}`, name])),
        ExpressionAttributeValues: Object.fromEntries(fields.map(([name, value]) => [`:${name}`, value])),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toClinic(Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

export async function getClinic(db: DynamoDBDocumentClient, clinicId: string): Promise<Clinic | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: clinicKeys.primary(clinicId) }));
  return Item ? toClinic(Item) : undefined;
}

export async function listClinics(db: DynamoDBDocumentClient): Promise<Clinic[]> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': clinicKeys.partition, ':prefix': clinicKeys.sortPrefix },
  });
  return items.map(toClinic);
}

function toClinic(item: Record<string, unknown>): Clinic {
  const { clinicId, timeZone, researchConsent, updatedAt } = item as unknown as Clinic;
  return { clinicId, timeZone, researchConsent, updatedAt };
}

import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

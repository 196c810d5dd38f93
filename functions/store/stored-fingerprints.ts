// The fingerprints of those of a clinic's event ids already stored: lets an all-or-nothing write
// (a FHIR transaction) refuse a conflicting id before it writes anything.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from './batch-get.js';
import { eventKeys } from './keys.js';

export async function storedFingerprints(db: DynamoDBDocumentClient, clinicId: string, eventIds: string[]): Promise<Map<string, string>> {
  const items = await batchGetAll(db, [...new Set(eventIds)].map((id) => eventKeys.primary(clinicId, id)));
  return new Map(items.map((item) => [item.eventId as string, item.fingerprint as string]));
}

// A clinic's stored client states one DynamoDB page (≤ 1 MB) at a time, for readers that stream
// (the research export): memory stays at one page however large the clinic.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Event } from '../events/schema.js';
import type { ClientState } from './client-states.js';
import { metricKeys } from './keys.js';
import { unpackJson } from './packed-json.js';
import { tableName } from './table.js';

export async function* clientStatePages(db: DynamoDBDocumentClient, clinicId: string): AsyncGenerator<ClientState[]> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': metricKeys.clientStatePrefix },
        ExclusiveStartKey,
      }),
    );
    yield (page.Items ?? []).map((item) => ({ clientId: item.clientId as string, events: unpackJson<Event[]>(item.events as Uint8Array) }));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

// A client's complete event set, kept by the aggregation beside the metrics, so that a run
// re-derives a client from one item plus its new events instead of re-reading its timeline.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Event } from '../events/schema.js';
import { batchGetAll } from './batch-get.js';
import { metricKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export interface ClientState {
  clientId: string;
  events: Event[];
}

export const clientStateItem = (clinicId: string, state: ClientState) => ({
  ...metricKeys.clientState(clinicId, state.clientId),
  clientId: state.clientId,
  events: packJson(state.events),
});

const toState = (item: Record<string, unknown>): ClientState => ({
  clientId: item.clientId as string,
  events: unpackJson<Event[]>(item.events as Uint8Array),
});

/** The states of some clients; clients never aggregated before are simply absent. */
export async function clientStates(db: DynamoDBDocumentClient, clinicId: string, clientIds: string[]): Promise<ClientState[]> {
  const items = await batchGetAll(db, clientIds.map((id) => metricKeys.clientState(clinicId, id)));
  return items.map(toState);
}

export async function allClientStates(db: DynamoDBDocumentClient, clinicId: string): Promise<ClientState[]> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': metricKeys.clientStatePrefix },
    ConsistentRead: true,
  });
  return items.map(toState);
}

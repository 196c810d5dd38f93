// A client's complete event set, kept by the aggregation beside the metrics, so that a run
// re-derives a client from one item plus its new events instead of re-reading its timeline. Also
// the counselor the client's summary is filed under (caseload-chunks.ts), so a run knows where to
// take it from when the client moves. A set too big for one item (20,000 events pack to about
// 500 KB) spills into parts of under 400 KB each beside the head item.
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
  /** The counselor whose caseload holds the client's summary or due time. */
  counselorId?: string;
}

/** Packed bytes one item may hold, well under DynamoDB's 400 KB with the keys and attribute names. */
export const MAX_PACKED_BYTES = 350_000;

/** The head item and any parts of a client's state. */
export function clientStateItems(clinicId: string, state: ClientState): Record<string, unknown>[] {
  const head = { ...metricKeys.clientState(clinicId, state.clientId), clientId: state.clientId, counselorId: state.counselorId };
  const whole = packJson(state.events);
  if (whole.byteLength <= MAX_PACKED_BYTES) return [{ ...head, events: whole, parts: 0 }];
  for (let parts = Math.ceil(whole.byteLength / MAX_PACKED_BYTES) + 1; ; parts *= 2) {
    const size = Math.ceil(state.events.length / parts);
    const packed = Array.from({ length: parts }, (_, i) => packJson(state.events.slice(i * size, (i + 1) * size)));
    if (packed.every((p) => p.byteLength <= MAX_PACKED_BYTES)) {
      return [
        { ...head, parts },
        ...packed.map((events, part) => ({ ...metricKeys.clientStatePart(clinicId, state.clientId, part), clientId: state.clientId, part, events })),
      ];
    }
  }
}

/** The states of some clients; clients never aggregated before are simply absent. */
export async function clientStates(db: DynamoDBDocumentClient, clinicId: string, clientIds: string[]): Promise<ClientState[]> {
  const heads = await batchGetAll(db, clientIds.map((id) => metricKeys.clientState(clinicId, id)));
  const parts = await batchGetAll(
    db,
    heads.flatMap((h) => Array.from({ length: (h.parts as number) ?? 0 }, (_, i) => metricKeys.clientStatePart(clinicId, h.clientId as string, i))),
  );
  return assemble(heads, parts);
}

export async function allClientStates(db: DynamoDBDocumentClient, clinicId: string): Promise<ClientState[]> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': metricKeys.clientStatePrefix },
    ConsistentRead: true,
  });
  return assemble(
    items.filter((i) => i.part === undefined),
    items.filter((i) => i.part !== undefined),
  );
}

function assemble(heads: Record<string, unknown>[], parts: Record<string, unknown>[]): ClientState[] {
  const partsOf = new Map<string, Record<string, unknown>[]>();
  for (const p of parts) partsOf.set(p.clientId as string, [...(partsOf.get(p.clientId as string) ?? []), p]);
  return heads.map((h) => {
    const pieces = h.parts
      ? (partsOf.get(h.clientId as string) ?? []).filter((p) => (p.part as number) < (h.parts as number)).sort((x, y) => (x.part as number) - (y.part as number))
      : [h];
    return {
      clientId: h.clientId as string,
      events: pieces.flatMap((p) => unpackJson<Event[]>(p.events as Uint8Array)),
      ...(h.counselorId ? { counselorId: h.counselorId as string } : {}),
    };
  });
}

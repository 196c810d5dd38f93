// A client's complete event set, kept by the aggregation beside the metrics, so that a run
// re-derives a client from one item plus its new events instead of re-reading its timeline. Also
// where the client is filed: the counselor whose partial holds its summary, the as-of time that
// summary was made at (so a run can make it again and take it out of the partial: the partials
// are kept by delta), whether it has a caseload row and when its due item is. A set too big for
// one item (20,000 events pack to about 500 KB) spills into parts of under 400 KB beside the head.
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
  /** The counselor the client is filed under: its summary is in that counselor's partial, its row under them. */
  counselorId?: string;
  /** The as-of time of the summary in the counselor's partial; absent while every event is still ahead. */
  asOf?: string;
  /** When the client's figures next change with time alone: its due item's time. */
  dueAt?: string;
  /** Whether the client has a caseload row (an open episode) under `counselorId`. */
  onCaseload?: boolean;
}

/** Packed bytes one item may hold, well under DynamoDB's 400 KB with the keys and attribute names. */
const MAX_PACKED_BYTES = 350_000;

/** Where the client is filed, packed with its events in the head item (attribute names cost bytes on every read). */
type Filing = Omit<ClientState, 'clientId' | 'events'>;

/** Within one client's state every event has the clinic and client of the state: they are left out, and put back on read. */
type StoredEvent = Omit<Event, 'clinicId' | 'clientId'>;
const stored = (events: readonly Event[]): StoredEvent[] => events.map(({ clinicId: _clinic, clientId: _client, ...rest }) => rest);

/** The head item and any parts of a client's state. */
export function clientStateItems(clinicId: string, state: ClientState): Record<string, unknown>[] {
  const { clientId, events, ...filing } = state;
  const head = { ...metricKeys.clientState(clinicId, clientId), clientId };
  const whole = packJson({ ...filing, events: stored(events) });
  if (whole.byteLength <= MAX_PACKED_BYTES) return [{ ...head, state: whole, parts: 0 }];
  for (let parts = Math.ceil(whole.byteLength / MAX_PACKED_BYTES) + 1; ; parts *= 2) {
    const size = Math.ceil(events.length / parts);
    const packed = Array.from({ length: parts }, (_, i) => packJson(stored(events.slice(i * size, (i + 1) * size))));
    if (packed.every((p) => p.byteLength <= MAX_PACKED_BYTES)) {
      return [
        { ...head, state: packJson(filing), parts },
        ...packed.map((part, i) => ({ ...metricKeys.clientStatePart(clinicId, clientId, i), clientId, part: i, events: part })),
      ];
    }
  }
}

/** The states of some clients; clients never aggregated before are simply absent. */
export async function clientStates(db: DynamoDBDocumentClient, clinicId: string, clientIds: string[]): Promise<ClientState[]> {
  return clientStatesFromHeads(db, clinicId, await batchGetAll(db, clientIds.map((id) => metricKeys.clientState(clinicId, id))));
}

/** The states whose head items are read: their parts, if any, are read to go with them. */
export async function clientStatesFromHeads(db: DynamoDBDocumentClient, clinicId: string, heads: Record<string, unknown>[]): Promise<ClientState[]> {
  const parts = await batchGetAll(
    db,
    heads.flatMap((h) => Array.from({ length: (h.parts as number) ?? 0 }, (_, i) => metricKeys.clientStatePart(clinicId, h.clientId as string, i))),
  );
  return assemble(clinicId, heads, parts);
}

export async function allClientStates(db: DynamoDBDocumentClient, clinicId: string): Promise<ClientState[]> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': metricKeys.clientStatePrefix },
    ConsistentRead: true,
  });
  return clientStatesOf(clinicId, items);
}

/** The states in a set of stored items that holds every head and part of each of its clients. */
export const clientStatesOf = (clinicId: string, items: readonly Record<string, unknown>[]): ClientState[] =>
  assemble(
    clinicId,
    items.filter((i) => i.part === undefined),
    items.filter((i) => i.part !== undefined),
  );

function assemble(clinicId: string, heads: Record<string, unknown>[], parts: Record<string, unknown>[]): ClientState[] {
  const partsOf = new Map<string, Record<string, unknown>[]>();
  for (const p of parts) partsOf.set(p.clientId as string, [...(partsOf.get(p.clientId as string) ?? []), p]);
  return heads.map((h) => {
    const clientId = h.clientId as string;
    // The first layout kept the filing in attributes and the events whole, in `events`.
    const { events: inHead, ...filing } = h.state
      ? unpackJson<Filing & { events?: StoredEvent[] }>(h.state as Uint8Array)
      : { ...(h.counselorId ? { counselorId: h.counselorId as string } : {}), events: h.parts ? undefined : unpackJson<StoredEvent[]>(h.events as Uint8Array) };
    const pieces = inHead
      ? [inHead]
      : (partsOf.get(clientId) ?? [])
          .filter((p) => (p.part as number) < (h.parts as number))
          .sort((x, y) => (x.part as number) - (y.part as number))
          .map((p) => unpackJson<StoredEvent[]>(p.events as Uint8Array));
    // The parsed events are this call's own: the clinic and client go back on them in place.
    const events = pieces.flat() as (StoredEvent & Partial<Pick<Event, 'clinicId' | 'clientId'>>)[];
    for (const e of events) {
      e.clinicId = clinicId;
      e.clientId = clientId;
    }
    return { clientId, events: events as Event[], ...filing };
  });
}

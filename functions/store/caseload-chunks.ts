// Each counselor's client summaries, filed under the counselor of the client's latest event, with
// the clients' next due times (clients whose every event is still ahead have a due time and no
// summary yet). A counselor's summaries are spread over `chunks` items by a hash of the client id;
// the aggregation doubles a counselor's chunks when one would pass CHUNK_BYTES, and writes only the
// chunks whose content changed: small chunks make a touched client cost a small write.
import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientSummary } from '../metrics/index.js';
import { batchGetAll } from './batch-get.js';
import { metricKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';
import { MAX_PACKED_BYTES } from './client-states.js';

export interface Caseload {
  summaries: ClientSummary[];
  /** clientId → the instant its figures next change with time alone. */
  due: Record<string, string>;
}

/** Packed bytes per chunk: about 20 summaries, so rewriting the chunk of one client costs ~6 write units. */
const CHUNK_BYTES = 8_000;

/** A chunk's stored content, to tell whether a new one differs (packing is deterministic). */
const contentOf = (item: { summaries: Uint8Array; due: Uint8Array }) => `${Buffer.from(item.summaries).toString('base64')}|${Buffer.from(item.due).toString('base64')}`;

const chunkOf = (clientId: string, chunks: number) => createHash('sha1').update(clientId).digest().readUInt32BE(0) % chunks;

const caseloadChunkItem = (clinicId: string, counselorId: string, chunk: number, caseload: Caseload) => ({
  ...metricKeys.caseloadChunk(clinicId, counselorId, chunk),
  counselorId,
  chunk,
  summaries: packJson(caseload.summaries),
  due: packJson(caseload.due),
});

/**
 * A caseload in as many chunks as keep each under CHUNK_BYTES (or one item's budget, for a single
 * client bigger than that): never fewer than before, doubled as needed. Only the chunks whose
 * content differs from `stored` (as read) are returned for writing.
 */
export function caseloadChunkItems(
  clinicId: string,
  counselorId: string,
  caseload: Caseload,
  atLeast: number,
  stored: ReadonlyMap<number, string> = new Map(),
): { chunks: number; items: Record<string, unknown>[] } {
  for (let chunks = atLeast; ; chunks *= 2) {
    const parts = Array.from({ length: chunks }, (): Caseload => ({ summaries: [], due: {} }));
    for (const s of caseload.summaries) parts[chunkOf(s.clientId, chunks)]!.summaries.push(s);
    for (const [id, at] of Object.entries(caseload.due)) parts[chunkOf(id, chunks)]!.due[id] = at;
    const items = parts.map((part, i) => caseloadChunkItem(clinicId, counselorId, i, part));
    const sizes = items.map((i) => i.summaries.byteLength + i.due.byteLength);
    const fits = sizes.every((size, i) => size <= CHUNK_BYTES || (parts[i]!.summaries.length <= 1 && size <= MAX_PACKED_BYTES));
    if (fits) return { chunks, items: items.filter((item, i) => stored.get(i) !== contentOf(item)) };
  }
}

/** The whole caseload of each counselor asked for (with its chunk count); a counselor never filed has none. */
export async function caseloads(
  db: DynamoDBDocumentClient,
  clinicId: string,
  counselors: ReadonlyMap<string, number>,
): Promise<{ caseloads: Map<string, Caseload>; stored: Map<string, Map<number, string>>; bytes: number }> {
  const keys = [...counselors].flatMap(([counselorId, chunks]) => Array.from({ length: chunks }, (_, i) => metricKeys.caseloadChunk(clinicId, counselorId, i)));
  const items = await batchGetAll(db, keys);
  const result = new Map<string, Caseload>([...counselors.keys()].map((id) => [id, { summaries: [], due: {} }]));
  const stored = new Map<string, Map<number, string>>([...counselors.keys()].map((id) => [id, new Map()]));
  let bytes = 0;
  for (const item of items) {
    const caseload = result.get(item.counselorId as string)!;
    const summaries = item.summaries as Uint8Array;
    const due = item.due as Uint8Array;
    stored.get(item.counselorId as string)!.set(item.chunk as number, contentOf({ summaries, due }));
    bytes += summaries.byteLength + due.byteLength;
    caseload.summaries.push(...unpackJson<ClientSummary[]>(summaries));
    Object.assign(caseload.due, unpackJson<Record<string, string>>(due));
  }
  return { caseloads: result, stored, bytes };
}

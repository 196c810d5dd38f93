// One clinic's aggregation task: the unit the coordinator fans out (in-process locally, one SQS
// message per clinic on AWS). It holds the clinic's fenced lease, reads the clinic's change feed
// since its own watermark, re-derives only the clients that the new events touch or that are due
// (time alone changed their figures), re-folds the clinic's views and writes them fenced. Any
// failure, an invalid stored time zone included, is recorded on the clinic and retried by the next
// run; it never reaches another clinic.
//
// Idempotent: every write is a value computed from sets of events, and the watermark moves last,
// so a task that dies half-way is repaired by the next one. The watermark never passes a second of
// ingest time for which ingest counted more stored events than the feed showed (nextWatermark);
// so an event the index has not shown yet, however late, is read by a later task instead of being
// skipped. What the counts cannot see is a write still in flight when the lease is taken:
// `settleMs` must exceed the ingest request's timeout, so such an event lands after the window.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Event } from '../events/schema.js';
import { isTimeZone } from '../events/time-zone.js';
import { isoWeekKey } from '../metrics/clinic-calendar.js';
import { caseload, counselorMetricsOf, groupPartialOf, mergeGroupPartials, summarizeClient, type ClientSummary, type GroupPartial } from '../metrics/index.js';
import { allClientStates, clientStateItems, clientStates, type ClientState } from '../store/client-states.js';
import { caseloadChunkItems, caseloads, type Caseload } from '../store/caseload-chunks.js';
import { counselorPartialItem, counselorPartials } from '../store/counselor-partials.js';
import { caseloadFiling, caseloadFilingItem } from '../store/caseload-filing.js';
import { counselorViewItem } from '../store/counselor-views.js';
import { getClinic, type Clinic } from '../store/clinics.js';
import { metricKeys, type PrimaryKey } from '../store/keys.js';
import {
  LeaseLostError,
  acquireClinicLease,
  completeClinicTask,
  failClinicTask,
  ingestSecond,
  type ClinicAggregation,
} from '../store/clinic-aggregation.js';
import { changesBetween, type Change } from '../store/changes-between.js';
import { SupersededError, fencedPutAll } from '../store/fenced-put.js';
import { clientDueAt } from './client-due.js';
import { clinicViewItems } from './clinic-views.js';
import { mergeEvents } from './merge-events.js';

const EPOCH = '1970-01-01T00:00:00.000Z';
export const DEFAULT_SETTLE_MS = 2_000;
export const DEFAULT_OVERLAP_MS = 120_000;
// As long as a worker's timeout: a task killed mid-way blocks the clinic's next task no longer.
const DEFAULT_LEASE_MS = 5 * 60_000;

export interface ClinicTaskOptions {
  /** The as-of time of the figures; the feed window ends `settleMs` before it. */
  asOf: string;
  /** Re-derive the clinic from its whole change feed. */
  full?: boolean;
  /** Events ingested this close to `asOf` wait for the next run: writes in flight land first. */
  settleMs?: number;
  /** Re-read this much before the watermark: a cheap first catch for late index entries. */
  overlapMs?: number;
  leaseMs?: number;
  /** The wall clock, for the lease only. */
  wallClock?: () => Date;
}

export type ClinicTaskMode = 'full' | 'rezoned' | 'incremental';

export interface ClinicTaskReport {
  clinicId: string;
  status: 'completed' | 'failed' | 'busy' | 'superseded';
  mode?: ClinicTaskMode;
  /** False while the feed has not shown every stored event yet: the watermark stayed. */
  caughtUp?: boolean;
  eventsRead: number;
  clientsDerived: number;
  itemsRead: number;
  itemsWritten: number;
  error?: string;
}

class InvalidTimeZoneError extends Error {
  constructor(clinicId: string, timeZone: string) {
    super(`clinic ${clinicId} has an invalid time zone ${JSON.stringify(timeZone)}; set an IANA zone through PUT /v1/admin/clinics/${clinicId}`);
  }
}

export async function runClinicTask(db: DynamoDBDocumentClient, clinicId: string, options: ClinicTaskOptions): Promise<ClinicTaskReport> {
  const report: ClinicTaskReport = { clinicId, status: 'busy', eventsRead: 0, clientsDerived: 0, itemsRead: 1, itemsWritten: 0 };
  const wallClock = options.wallClock ?? (() => new Date());
  const lease = await acquireClinicLease(db, clinicId, randomUUID(), wallClock(), options.leaseMs ?? DEFAULT_LEASE_MS);
  if (!lease) return report;
  try {
    const clinic = await getClinic(db, clinicId);
    report.itemsRead += 1;
    if (!clinic) throw new Error(`clinic ${clinicId} is not registered`);
    if (!isTimeZone(clinic.timeZone)) throw new InvalidTimeZoneError(clinicId, clinic.timeZone);
    await deriveClinic(db, clinic, lease, options, report);
    report.status = 'completed';
  } catch (error) {
    if (error instanceof LeaseLostError || error instanceof SupersededError) {
      report.status = 'superseded';
      return report;
    }
    report.status = 'failed';
    report.error = error instanceof Error ? error.message : String(error);
    await failClinicTask(db, clinicId, lease.fence, report.error, wallClock().toISOString(), (lease.error?.attempts ?? 0) + 1).catch(() => {
      // Lost the lease meanwhile, or the store is down: the lease expires and the next run retries.
    });
  }
  return report;
}

async function deriveClinic(db: DynamoDBDocumentClient, clinic: Clinic, lease: ClinicAggregation, options: ClinicTaskOptions, report: ClinicTaskReport) {
  const { clinicId, timeZone } = clinic;
  const { asOf } = options;
  const mode: ClinicTaskMode = options.full || !lease.watermark ? 'full' : lease.timeZone !== timeZone ? 'rezoned' : 'incremental';
  report.mode = mode;
  const to = new Date(Date.parse(asOf) - (options.settleMs ?? DEFAULT_SETTLE_MS)).toISOString();
  const from = mode === 'full' ? EPOCH : new Date(Date.parse(lease.watermark!) - (options.overlapMs ?? DEFAULT_OVERLAP_MS)).toISOString();
  const filed = await caseloadFiling(db, clinicId);
  report.itemsRead += 1;

  // Through the as-of time, not just the window's end: what ingest stored in the settle span is
  // read now if visible, and again by the next task, to no effect.
  const changes = await changesBetween(db, clinicId, from, asOf);
  report.eventsRead = changes.length;
  report.itemsRead += changes.length;
  const added = groupByClient(changes.map((c) => c.event));
  const watermark = nextWatermark(lease, changes, to);

  // The caseloads to re-fold: the counselors of the clients with new events (before and after),
  // those with a client due, and every one when the zone changed or the week turned (the
  // caseload's 26 weeks move on). They are read whole; nothing else of the clinic is.
  const weekTurned = mode !== 'incremental' || !lease.asOf || isoWeekKey(lease.asOf, timeZone) !== isoWeekKey(asOf, timeZone);
  const touchedStates =
    mode === 'full' ? [] : mode === 'rezoned' ? await allClientStates(db, clinicId) : await clientStates(db, clinicId, [...added.keys()]);
  report.itemsRead += touchedStates.length;
  const states = new Map(touchedStates.map((s) => [s.clientId, s]));
  const loadedCounselors = new Set<string>(weekTurned ? filed.keys() : []);
  for (const s of touchedStates) if (s.counselorId) loadedCounselors.add(s.counselorId);
  for (const [counselorId, filing] of filed) if (filing.nextDueAt && filing.nextDueAt <= asOf) loadedCounselors.add(counselorId);
  // A full rebuild reads no caseload: it re-files every client, and empties the counselors it doesn't.
  const loaded =
    mode === 'full'
      ? { caseloads: new Map([...filed.keys()].map((id): [string, Caseload] => [id, { summaries: [], due: {} }])), stored: new Map<string, Map<number, string>>() }
      : await caseloads(db, clinicId, new Map([...loadedCounselors].map((id) => [id, filed.get(id)?.chunks ?? 1])));
  if (mode !== 'full') report.itemsRead += [...loadedCounselors].reduce((n, id) => n + (filed.get(id)?.chunks ?? 1), 0);

  // Clients due in the caseloads read are re-derived too: their states come now.
  const dueIds = [...loaded.caseloads.values()].flatMap((c) => Object.entries(c.due).filter(([id, at]) => at <= asOf && !states.has(id) && !added.has(id)).map(([id]) => id));
  for (const s of await clientStates(db, clinicId, dueIds)) states.set(s.clientId, s);
  report.itemsRead += dueIds.length;

  const grown: ClientState[] = [];
  for (const [clientId, events] of added) {
    const known = states.get(clientId);
    const merged = mergeEvents(known?.events ?? [], events);
    const state: ClientState = { clientId, events: merged.events, ...(known?.counselorId ? { counselorId: known.counselorId } : {}) };
    states.set(clientId, state);
    if (merged.grew || mode === 'full') grown.push(state);
  }

  // Re-derive, and re-file each client under the counselor of its latest event.
  const caseloadOf = (counselorId: string) => {
    let caseload = loaded.caseloads.get(counselorId);
    if (!caseload) {
      caseload = { summaries: [], due: {} };
      loaded.caseloads.set(counselorId, caseload);
    }
    return caseload;
  };
  const rederived = new Set(states.keys());
  for (const caseload of loaded.caseloads.values()) {
    caseload.summaries = caseload.summaries.filter((s) => !rederived.has(s.clientId));
    for (const id of rederived) delete caseload.due[id];
  }
  const toStore = new Set(grown.map((s) => s.clientId));
  for (const state of states.values()) {
    const summary = summarize(state.events, asOf, timeZone);
    const counselorId = summary?.counselorId ?? latestCounselor(state.events);
    if (!loaded.caseloads.has(counselorId) && filed.has(counselorId)) {
      // Moved to a counselor not read yet: that caseload is re-folded too.
      const read = await caseloads(db, clinicId, new Map([[counselorId, filed.get(counselorId)!.chunks]]));
      const more = read.caseloads.get(counselorId)!;
      more.summaries = more.summaries.filter((s) => !rederived.has(s.clientId));
      loaded.caseloads.set(counselorId, more);
      loaded.stored.set(counselorId, read.stored.get(counselorId)!);
      report.itemsRead += filed.get(counselorId)!.chunks;
    }
    const filedUnder = caseloadOf(counselorId);
    if (summary) filedUnder.summaries.push(summary);
    const at = clientDueAt(state.events, summary, asOf, timeZone);
    if (at) filedUnder.due[state.clientId] = at;
    if (state.counselorId !== counselorId) {
      state.counselorId = counselorId;
      toStore.add(state.clientId);
    }
  }
  report.clientsDerived = states.size;

  // Each re-folded counselor: its caseload in chunks, its partial, its view.
  const items: Record<string, unknown>[] = [...toStore].flatMap((id) => clientStateItems(clinicId, states.get(id)!));
  const partials = new Map<string, GroupPartial | null>();
  const removed: PrimaryKey[] = [];
  for (const [counselorId, own] of loaded.caseloads) {
    if (own.summaries.length === 0 && Object.keys(own.due).length === 0) {
      // No client left: the counselor's items go, as a full rebuild would never have made them.
      const chunks = filed.get(counselorId)?.chunks ?? 0;
      removed.push(
        ...Array.from({ length: chunks }, (_, i) => metricKeys.caseloadChunk(clinicId, counselorId, i)),
        metricKeys.counselorPartial(clinicId, counselorId),
        metricKeys.counselorMetrics(clinicId, counselorId),
      );
      partials.set(counselorId, null);
      filed.delete(counselorId);
      continue;
    }
    own.summaries.sort((x, y) => (x.clientId < y.clientId ? -1 : 1));
    const chunked = caseloadChunkItems(clinicId, counselorId, own, filed.get(counselorId)?.chunks ?? 1, loaded.stored.get(counselorId));
    const partial = groupPartialOf(own.summaries);
    partials.set(counselorId, partial);
    items.push(
      ...chunked.items,
      counselorPartialItem(clinicId, counselorId, partial),
      counselorViewItem({ clinicId, counselorId, timeZone, asOf, metrics: counselorMetricsOf(partial, counselorId), caseload: caseload(own.summaries, asOf, timeZone) }),
    );
    const nextDueAt = earliest(Object.values(own.due));
    filed.set(counselorId, { chunks: chunked.chunks, ...(nextDueAt !== undefined ? { nextDueAt } : {}) });
  }

  // The clinic: every counselor's partial merged, the fresh ones in place of the stored.
  const stored = mode === 'full' ? { partials: new Map<string, GroupPartial>(), bytes: 0 } : await counselorPartials(db, clinicId);
  report.itemsRead += stored.partials.size;
  const current = [...new Map<string, GroupPartial | null>([...stored.partials, ...partials]).values()].filter((p): p is GroupPartial => p !== null);
  items.push(...clinicViewItems(clinic, asOf, mergeGroupPartials(current)), caseloadFilingItem(clinicId, filed));
  await fencedPutAll(db, items, lease.fence, removed);
  report.itemsWritten = items.length + removed.length + 1;

  const passed = Object.keys(lease.storedBySecond).filter((second) => `${second}.000Z` < watermark);
  report.caughtUp = passed.length === Object.keys(lease.storedBySecond).length;
  const dueTimes = [...filed.values()].flatMap((f) => (f.nextDueAt ? [f.nextDueAt] : []));
  const nextDueAt = earliest(dueTimes);
  await completeClinicTask(
    db,
    clinicId,
    lease.fence,
    { watermark, asOf, timeZone, researchConsent: clinic.researchConsent, nextDueAt, completedAt: new Date().toISOString() },
    passed,
    report.caughtUp,
  );
}

/** The earliest of ISO instants, compared as strings (Math.min would make numbers of them); undefined for none. */
function earliest(instants: readonly string[]): string | undefined {
  let first = instants[0];
  for (const at of instants) if (first === undefined || at < first) first = at;
  return first;
}

/** The counselor of a client's latest event, for a client with no summary yet. */
function latestCounselor(events: readonly Event[]): string {
  return events.reduce((x, y) => (Date.parse(y.occurredAt) > Date.parse(x.occurredAt) || (y.occurredAt === x.occurredAt && y.id > x.id) ? y : x)).counselorId;
}

/**
 * How far the watermark may move: to the window's end (floored to a second, the grain of ingest's
 * counts), but never past the first second for which ingest counted more events than the feed
 * showed: those are still on their way into the index, and the next task reads from there.
 */
function nextWatermark(lease: ClinicAggregation, changes: readonly Change[], to: string): string {
  const shown = new Map<string, Set<string>>();
  for (const { event, ingestedAt } of changes) {
    const second = ingestSecond(ingestedAt);
    let ids = shown.get(second);
    if (!ids) {
      ids = new Set();
      shown.set(second, ids);
    }
    ids.add(event.id);
  }
  let watermark = `${ingestSecond(to)}.000Z`;
  for (const [second, stored] of Object.entries(lease.storedBySecond)) {
    const start = `${second}.000Z`;
    if ((shown.get(second)?.size ?? 0) < stored && start < watermark) watermark = start;
  }
  // Never backwards: a second behind the old watermark was complete when it was passed.
  return lease.watermark && lease.watermark > watermark ? lease.watermark : watermark;
}

function groupByClient(events: readonly Event[]): Map<string, Event[]> {
  const byClient = new Map<string, Event[]>();
  for (const e of events) {
    const list = byClient.get(e.clientId);
    if (list) list.push(e);
    else byClient.set(e.clientId, [e]);
  }
  return byClient;
}

/** Null for a client whose every event lies after the as-of time (sent up to 24 h ahead). */
function summarize(events: Event[], asOf: string, timeZone: string): ClientSummary | null {
  try {
    return summarizeClient(events, { asOf, timeZone });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

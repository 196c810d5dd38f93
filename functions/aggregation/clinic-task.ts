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
import { summarizeClient, type ClientSummary } from '../metrics/index.js';
import { allClientStates, clientStateItem, clientStates } from '../store/client-states.js';
import { getClinic, type Clinic } from '../store/clinics.js';
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
import { summaryBucketItem, summaryBucketOf, summaryBuckets, type SummaryBucket } from '../store/summary-buckets.js';
import { clientDueAt } from './client-due.js';
import { clinicViewItems } from './clinic-views.js';
import { mergeEvents } from './merge-events.js';

const EPOCH = '1970-01-01T00:00:00.000Z';
export const DEFAULT_SETTLE_MS = 2_000;
export const DEFAULT_OVERLAP_MS = 120_000;
// As long as a worker's timeout: a task killed mid-way blocks the clinic's next task no longer.
export const DEFAULT_LEASE_MS = 5 * 60_000;

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

export class InvalidTimeZoneError extends Error {
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

  // Through the as-of time, not just the window's end: what ingest stored in the settle span is
  // read now if visible, and again by the next task, to no effect.
  const changes = await changesBetween(db, clinicId, from, asOf);
  const windowEvents = changes.map((c) => c.event);
  report.eventsRead = windowEvents.length;
  report.itemsRead += windowEvents.length;
  const added = groupByClient(windowEvents);
  const watermark = nextWatermark(lease, changes, to);

  const buckets = mode === 'full' ? [] : await summaryBuckets(db, clinicId);
  report.itemsRead += buckets.length;
  const summaries = new Map(buckets.flatMap((b) => b.summaries.map((s) => [s.clientId, s] as const)));
  const due = new Map(buckets.flatMap((b) => Object.entries(b.due)));
  const previousCounselor = new Map([...summaries.values()].map((s) => [s.clientId, s.counselorId]));

  // Which clients to re-derive: those with events in the window, and those whose time has come;
  // every client when the clinic's zone changed. Their complete event sets come from their states.
  const dueNow = [...due].filter(([, at]) => at <= asOf).map(([clientId]) => clientId);
  const known =
    mode === 'full' ? [] : mode === 'rezoned' ? await allClientStates(db, clinicId) : await clientStates(db, clinicId, [...new Set([...added.keys(), ...dueNow])]);
  report.itemsRead += known.length;
  const states = new Map(known.map((s) => [s.clientId, s.events]));
  const grown: { clientId: string; events: Event[] }[] = [];
  for (const [clientId, events] of added) {
    const merged = mergeEvents(states.get(clientId) ?? [], events);
    states.set(clientId, merged.events);
    if (merged.grew || mode === 'full') grown.push({ clientId, events: merged.events });
  }

  for (const [clientId, events] of states) {
    const summary = summarize(events, asOf, timeZone);
    if (summary) summaries.set(clientId, summary);
    else summaries.delete(clientId);
    const at = clientDueAt(events, summary, asOf, timeZone);
    if (at) due.set(clientId, at);
    else due.delete(clientId);
  }
  report.clientsDerived = states.size;

  const all = [...summaries.values()].sort((x, y) => (x.clientId < y.clientId ? -1 : 1));
  // The caseload's 26-week window moves with the calendar week: then every counselor view moves.
  const weekTurned = mode !== 'incremental' || !lease.asOf || isoWeekKey(lease.asOf, timeZone) !== isoWeekKey(asOf, timeZone);
  const counselors = weekTurned
    ? new Set([...all.map((s) => s.counselorId), ...previousCounselor.values()])
    : new Set([...states.keys()].flatMap((id) => [previousCounselor.get(id), summaries.get(id)?.counselorId]).filter((c): c is string => !!c));
  const touchedBuckets = new Set([...states.keys()].map(summaryBucketOf));
  const bucketsToWrite = new Map<number, SummaryBucket>([...touchedBuckets].map((b) => [b, { bucket: b, summaries: [], due: {} }]));
  for (const s of all) bucketsToWrite.get(summaryBucketOf(s.clientId))?.summaries.push(s);
  for (const [clientId, at] of due) {
    const bucket = bucketsToWrite.get(summaryBucketOf(clientId));
    if (bucket) bucket.due[clientId] = at;
  }

  const items = [
    ...grown.map((s) => clientStateItem(clinicId, s)),
    ...[...bucketsToWrite.values()].map((b) => summaryBucketItem(clinicId, b)),
    ...clinicViewItems(clinic, asOf, all, counselors),
  ];
  await fencedPutAll(db, items, lease.fence);
  report.itemsWritten = items.length + 1;

  const passed = Object.keys(lease.storedBySecond).filter((second) => `${second}.000Z` < watermark);
  report.caughtUp = passed.length === Object.keys(lease.storedBySecond).length;
  const nextDueAt = [...due.values()].reduce<string | undefined>((min, at) => (min === undefined || at < min ? at : min), undefined);
  await completeClinicTask(
    db,
    clinicId,
    lease.fence,
    { watermark, asOf, timeZone, researchConsent: clinic.researchConsent, nextDueAt, completedAt: new Date().toISOString() },
    passed,
    report.caughtUp,
  );
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
    if (!ids) shown.set(second, (ids = new Set()));
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

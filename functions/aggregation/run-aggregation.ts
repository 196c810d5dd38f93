// The scheduled aggregation: events in, stored metric views out.
//
// Incremental: a run reads the events ingested since the last successful run's watermark (the
// change feed), re-derives only the clients they touch (from each client's stored event set plus
// its new events), re-folds only those clients' clinics and counselors, and the network.
// Idempotent: every write is a put of a value computed from the set of events, and the watermark
// is written last, so a run that dies half-way leaves the old watermark and the next run computes
// exactly what an uninterrupted run would have. When a calendar day turns in any clinic's zone,
// every client is re-derived, since day-counted figures move with the calendar.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Event } from '../events/schema.js';
import {
  caseload,
  clinicMetrics,
  compareModes,
  compareModesByCounselor,
  counselorMetrics,
  networkComparison,
  summarizeClient,
  type ClientSummary,
} from '../metrics/index.js';
import { listClinics, type Clinic } from '../store/clinics.js';
import { eventsIngestedBetween } from '../store/events-ingested-between.js';
import { allClientStates, clientStateItem, clientStates, type ClientState } from '../store/client-states.js';
import { summaryBucketItem, summaryBucketOf, summaryBuckets, SUMMARY_BUCKETS } from '../store/summary-buckets.js';
import { clinicViewItem } from '../store/clinic-view.js';
import { counselorViewItem } from '../store/counselor-views.js';
import { networkViewItem, networkViewName } from '../store/network-view.js';
import { getAggregationState, putAggregationState } from '../store/aggregation-state.js';
import { acquireAggregationLease, releaseAggregationLease } from '../store/aggregation-lease.js';
import { batchWriteAll } from '../store/batch-write.js';
import { localDateChanged } from './local-date-changed.js';
import { mergeEvents } from './merge-events.js';

const EPOCH = '1970-01-01T00:00:00.000Z';

export interface AggregationOptions {
  /** The as-of time of the figures and the end of the window; defaults to the wall clock. */
  now?: Date;
  /** Rebuild every client from the whole change feed, ignoring the watermark. */
  full?: boolean;
  /** Events ingested this close to `now` wait for the next run: writes in flight land first. */
  settleMs?: number;
  /** Re-read this much before the watermark, for writes that landed late in the index. */
  overlapMs?: number;
  leaseMs?: number;
  onProgress?: (line: string) => void;
}

export interface AggregationReport {
  status: 'completed' | 'busy';
  mode?: 'full' | 'day-turn' | 'incremental';
  asOf?: string;
  window?: { from: string; to: string };
  clinics?: number;
  eventsRead?: number;
  clientsDerived?: number;
  itemsRead?: number;
  itemsWritten?: number;
  durationMs?: number;
}

export const DEFAULT_SETTLE_MS = 2_000;
export const DEFAULT_OVERLAP_MS = 120_000;
// As long as the aggregation Lambda's timeout: a run killed mid-way blocks the next for no longer.
const DEFAULT_LEASE_MS = 5 * 60_000;

interface ClinicRun {
  clinic: Clinic;
  summaries: ClientSummary[];
  changed: boolean;
}

export async function runAggregation(db: DynamoDBDocumentClient, options: AggregationOptions = {}): Promise<AggregationReport> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const owner = randomUUID();
  // The lease is about wall-clock time, whatever as-of time the figures are computed for.
  if (!(await acquireAggregationLease(db, owner, new Date(), options.leaseMs ?? DEFAULT_LEASE_MS))) return { status: 'busy' };
  try {
    const progress = options.onProgress ?? (() => {});
    const asOf = now.toISOString();
    const previous = await getAggregationState(db);
    const clinics = await listClinics(db);
    const mode = options.full || !previous ? 'full' : localDateChanged(previous.asOf, asOf, clinics.map((c) => c.timeZone)) ? 'day-turn' : 'incremental';
    const to = new Date(now.getTime() - (options.settleMs ?? DEFAULT_SETTLE_MS)).toISOString();
    const from = mode === 'full' ? EPOCH : new Date(Date.parse(previous!.watermark) - (options.overlapMs ?? DEFAULT_OVERLAP_MS)).toISOString();
    const counts = { itemsRead: 2 + clinics.length, itemsWritten: 0, eventsRead: 0, clientsDerived: 0 };
    const write = async (items: Record<string, unknown>[]) => {
      await batchWriteAll(db, items);
      counts.itemsWritten += items.length;
    };
    progress(`${mode} aggregation as of ${asOf}: events ingested ${from} … ${to}, ${clinics.length} clinics`);

    const runs: ClinicRun[] = [];
    for (const clinic of clinics) {
      const run = await aggregateClinic(db, clinic, { mode, from, to, asOf }, counts, write);
      runs.push(run);
      if (run.changed) progress(`  ${clinic.clinicId}: ${run.summaries.length} clients`);
    }

    if (runs.some((r) => r.changed)) {
      const everyone = runs.map((r) => ({ clinicId: r.clinic.clinicId, summaries: r.summaries }));
      const consenting = runs.filter((r) => r.clinic.researchConsent).map((r) => ({ clinicId: r.clinic.clinicId, summaries: r.summaries }));
      await write([
        ...runs.map((r) => networkViewItem({ view: networkViewName.clinic(r.clinic.clinicId), asOf, comparison: networkComparison(everyone, r.clinic.clinicId) })),
        networkViewItem({ view: networkViewName.all, asOf, comparison: networkComparison(everyone, '') }),
        networkViewItem({ view: networkViewName.research, asOf, comparison: networkComparison(consenting, '') }),
      ]);
    }

    await putAggregationState(db, { watermark: to, asOf, completedAt: new Date().toISOString() });
    const report: AggregationReport = {
      status: 'completed',
      mode,
      asOf,
      window: { from, to },
      clinics: clinics.length,
      ...counts,
      itemsWritten: counts.itemsWritten + 1, // and the state item
      durationMs: Math.round(performance.now() - started),
    };
    progress(`done: ${report.eventsRead} events read, ${report.clientsDerived} clients re-derived, ${report.itemsRead} items read, ${report.itemsWritten} written, ${report.durationMs} ms`);
    return report;
  } finally {
    await releaseAggregationLease(db, owner);
  }
}

async function aggregateClinic(
  db: DynamoDBDocumentClient,
  clinic: Clinic,
  window: { mode: NonNullable<AggregationReport['mode']>; from: string; to: string; asOf: string },
  counts: { itemsRead: number; eventsRead: number; clientsDerived: number },
  write: (items: Record<string, unknown>[]) => Promise<void>,
): Promise<ClinicRun> {
  const { clinicId, timeZone } = clinic;
  const windowEvents = await eventsIngestedBetween(db, clinicId, window.from, window.to);
  counts.itemsRead += windowEvents.length;
  counts.eventsRead += windowEvents.length;
  const added = groupByClient(windowEvents);

  // Which clients to re-derive, and their complete event sets.
  let known: ClientState[] = [];
  if (window.mode === 'day-turn') known = await allClientStates(db, clinicId);
  else if (window.mode === 'incremental' && added.size > 0) known = await clientStates(db, clinicId, [...added.keys()]);
  counts.itemsRead += known.length;
  const states = new Map(known.map((s) => [s.clientId, s.events]));
  const grown: ClientState[] = [];
  for (const [clientId, events] of added) {
    const merged = mergeEvents(states.get(clientId) ?? [], events);
    states.set(clientId, merged.events);
    if (merged.grew) grown.push({ clientId, events: merged.events });
  }

  const buckets = window.mode === 'full' ? new Map<number, ClientSummary[]>() : await summaryBuckets(db, clinicId);
  counts.itemsRead += buckets.size;
  const previous = new Map([...buckets.values()].flat().map((s) => [s.clientId, s]));
  // A window may hold only events already merged by a run that died before its watermark, so the
  // clients in it are re-derived whether or not their event sets grew.
  if (window.mode === 'incremental' && added.size === 0) {
    return { clinic, summaries: [...previous.values()], changed: false };
  }

  const summaries = new Map(previous);
  for (const [clientId, events] of states) {
    const summary = summarize(events, window.asOf, timeZone);
    if (summary) summaries.set(clientId, summary);
    else summaries.delete(clientId);
  }
  counts.clientsDerived += states.size;

  const all = [...summaries.values()].sort((x, y) => (x.clientId < y.clientId ? -1 : 1));
  const touchedCounselors = new Set(
    [...states.keys()].flatMap((id) => [previous.get(id)?.counselorId, summaries.get(id)?.counselorId]).filter((c): c is string => !!c),
  );
  const bucketsToWrite = window.mode === 'incremental' ? new Set([...states.keys()].map(summaryBucketOf)) : new Set(Array.from({ length: SUMMARY_BUCKETS }, (_, i) => i));
  const byBucket = new Map<number, ClientSummary[]>([...bucketsToWrite].map((b) => [b, []]));
  for (const s of all) byBucket.get(summaryBucketOf(s.clientId))?.push(s);

  await write([
    ...grown.map((s) => clientStateItem(clinicId, s)),
    ...[...byBucket].map(([bucket, list]) => summaryBucketItem(clinicId, bucket, list)),
    clinicViewItem({
      clinicId,
      timeZone,
      asOf: window.asOf,
      metrics: clinicMetrics(all),
      comparison: compareModes(all),
      counselorComparisons: compareModesByCounselor(all),
    }),
    ...[...touchedCounselors].map((counselorId) => {
      const own = all.filter((s) => s.counselorId === counselorId);
      return counselorViewItem({
        clinicId,
        counselorId,
        timeZone,
        asOf: window.asOf,
        metrics: counselorMetrics(all, counselorId),
        caseload: caseload(own, window.asOf, timeZone),
      });
    }),
  ]);
  return { clinic, summaries: all, changed: true };
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

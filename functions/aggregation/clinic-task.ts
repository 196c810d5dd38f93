// One clinic's aggregation task: the unit the coordinator fans out (in-process locally, one SQS
// message per clinic on AWS). It holds the clinic's fenced lease, reads the clinic's change feed
// since its own watermark, re-derives only the clients that the new events touch or that are due
// (time alone changed their figures), and adjusts each counselor's partial by delta: the client's
// old summary (made again from its stored events at the as-of time it was made) out, the new one
// in. So a task reads the new events, the states of the clients they touch and one small item per
// counselor, whatever the size of the clinic's history. Any failure, an invalid stored time zone
// included, is recorded on the clinic and retried by the next run; it never reaches another clinic.
//
// Deltas are only right over figures that are whole, so taking the lease marks the clinic as being
// rewritten and completing clears the mark; a task that finds another's mark (that one died,
// perhaps among its writes), a changed zone or figures of an older layout rebuilds the clinic from
// its client states instead.
//
// The watermark moves last, so nothing a dead task read is lost. It never passes a second of
// ingest time for which ingest counted more stored events than the feed showed (nextWatermark);
// so an event the index has not shown yet, however late, is read by a later task instead of being
// skipped. What the counts cannot see is a write still in flight when the lease is taken:
// `settleMs` must exceed the ingest request's timeout, so such an event lands after the window.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Event } from '../events/schema.js';
import { isTimeZone } from '../events/time-zone.js';
import { isoWeekKey } from '../metrics/clinic-calendar.js';
import {
  canonicalGroupPartial,
  canonicalPeriodTallies,
  caseloadRowOf,
  comparisonCountsOf,
  earliestInstant,
  firstCaseloadWeek,
  groupPartialOf,
  mergeAll,
  mergeGroupPartials,
  subtractAll,
  summarizeClient,
  weekTalliesOf,
  type ClientSummary,
  type PeriodTally,
} from '../metrics/index.js';
import { allClientStates, clientStateItems, clientStates, type ClientState } from '../store/client-states.js';
import { caseloadRowItem } from '../store/caseload-rows.js';
import { clientFilings } from '../store/client-filings.js';
import { clientDueItem, clientsDueBy, earliestDue } from '../store/client-due-items.js';
import { counselorPartialItem, counselorPartials, type CounselorFold, type StoredCounselorFold } from '../store/counselor-partials.js';
import { clientStatesAndFolds } from '../store/client-states-and-folds.js';
import { legacyItemKeys } from '../store/legacy-items.js';
import { batchPutAndDelete } from '../store/batch-write.js';
import { getClinic, type Clinic } from '../store/clinics.js';
import { metricKeys, type PrimaryKey } from '../store/keys.js';
import {
  FIGURES_LAYOUT,
  LeaseLostError,
  acquireClinicLease,
  completeClinicTask,
  failClinicTask,
  ingestSecond,
  proveLease,
  type ClinicAggregation,
} from '../store/clinic-aggregation.js';
import { changesBetween, type Change } from '../store/changes-between.js';
import { clientDueAt, keptDueAt } from './client-due.js';
import { clinicViewItems } from './clinic-views.js';
import { mergeEvents } from './merge-events.js';

const EPOCH = '1970-01-01T00:00:00.000Z';
export const DEFAULT_SETTLE_MS = 2_000;
export const DEFAULT_OVERLAP_MS = 120_000;
// As long as a worker's timeout: a task killed mid-way blocks the clinic's next task no longer.
const DEFAULT_LEASE_MS = 5 * 60_000;
// Counselors a clinic's aggregation item lists, so that a task reads their folds with its client
// states: one request fewer. Only while that costs no more read units than the query: a
// BatchGetItem rounds each item up to 4 KB, a query only the sum (a fold is about 2.2 KB: one or
// two cost as many units either way), so with more folds the query is the cheaper read
// (bench:scale: 8.1 read units an event at 5-minute runs with this bound, 10.4 listing up to 50).
// Most clinics of the target network are small.
export const LISTED_FOLDS_AT_MOST = 2;

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
  /** The clinic's registration, when the coordinator passes it on; otherwise the task reads it. */
  clinic?: Clinic;
  /** The wall clock, for the lease only. */
  wallClock?: () => Date;
}

/** full: from the whole change feed; rebuild: from every client state; incremental: by delta. */
export type ClinicTaskMode = 'full' | 'rebuild' | 'incremental';

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
  const owner = randomUUID();
  const lease = await acquireClinicLease(db, clinicId, owner, wallClock(), options.leaseMs ?? DEFAULT_LEASE_MS, options.full ? 'full' : 'partial');
  if (!lease) return report;
  const task: Task = { owner, lease, wallClock, wrote: false };
  try {
    await deriveClinic(db, clinicId, task, options, report);
    report.status = 'completed';
  } catch (error) {
    if (error instanceof LeaseLostError) {
      report.status = 'superseded';
      return report;
    }
    report.status = 'failed';
    report.error = error instanceof Error ? error.message : String(error);
    const failure = {
      message: report.error,
      at: wallClock().toISOString(),
      attempts: (lease.error?.attempts ?? 0) + 1,
      // The mark is this task's, and nothing was written under it: nothing to repair.
      clearMark: !task.wrote && lease.rewritingBy === owner,
    };
    await failClinicTask(db, clinicId, lease.fence, failure).catch(() => {
      // Lost the lease meanwhile, or the store is down: the lease expires and the next run retries.
    });
  }
  return report;
}

/** One task's hold on its clinic. */
interface Task {
  owner: string;
  lease: ClinicAggregation;
  wallClock: () => Date;
  /** Whether any of the task's writes may have landed. */
  wrote: boolean;
}

async function deriveClinic(db: DynamoDBDocumentClient, clinicId: string, task: Task, options: ClinicTaskOptions, report: ClinicTaskReport) {
  const { lease } = task;
  const { asOf } = options;
  // The rewriting mark left by another task: that one died, maybe half-way through its writes.
  const interrupted = lease.rewriting !== undefined && lease.rewritingBy !== task.owner;
  const full = options.full || !lease.watermark || (interrupted && lease.rewriting === 'full');
  const to = new Date(Date.parse(asOf) - (options.settleMs ?? DEFAULT_SETTLE_MS)).toISOString();
  const from = full ? EPOCH : new Date(Date.parse(lease.watermark!) - (options.overlapMs ?? DEFAULT_OVERLAP_MS)).toISOString();
  // The clinic's earliest due time says whether any client is due at all: most runs ask nothing.
  const anyDue = lease.nextDueAt !== undefined && lease.nextDueAt <= asOf;

  // Known before the clinic's registration is read: the task re-derives every client. A changed
  // zone is known here when the coordinator passed the registration on, else once it is read.
  const fromScratchForSure = full || interrupted || lease.layout !== FIGURES_LAYOUT || (options.clinic !== undefined && options.clinic.timeZone !== lease.timeZone);
  // The counselors whose folds the last completed task left, when this task is sure to adjust the
  // clinic by delta: their folds are then read with the touched clients' states, not queried.
  const listed = fromScratchForSure ? undefined : listedFolds(lease, options.clinic);

  // What doesn't depend on the clinic's registration is read beside it: a task is a few round trips.
  // The feed is read through the as-of time, not just the window's end: what ingest stored in the
  // settle span is read now if visible, and again by the next task, to no effect.
  const [clinic, changes, queried, dueSoFar] = await Promise.all([
    options.clinic ?? getClinic(db, clinicId),
    changesBetween(db, clinicId, from, asOf),
    listed ? undefined : counselorPartials(db, clinicId),
    fromScratchForSure || !anyDue ? [] : clientsDueBy(db, clinicId, asOf),
  ]);
  report.itemsRead += (options.clinic ? 0 : 1) + changes.length + (queried?.size ?? 0) + dueSoFar.length;
  if (!clinic) throw new Error(`clinic ${clinicId} is not registered`);
  const { timeZone } = clinic;
  if (!isTimeZone(timeZone)) throw new InvalidTimeZoneError(clinicId, timeZone);
  const mode: ClinicTaskMode = full ? 'full' : fromScratchForSure || lease.timeZone !== timeZone ? 'rebuild' : 'incremental';
  report.mode = mode;
  const fromScratch = mode !== 'incremental';
  report.eventsRead = changes.length;
  const added = groupByClient(changes.map((c) => c.event));
  const watermark = nextWatermark(lease, changes, to);

  // The clients to re-derive: those with new events and those due (time alone changed their
  // figures); from scratch, every client, with where it was filed. A full run reads every event
  // from the feed, so of the stored clients it reads only their filings (the keys of their rows
  // and due items); a rebuild reads their states.
  const due = fromScratch ? [] : dueSoFar;
  const touched = [...new Set([...added.keys(), ...due])];
  let known: ClientState[];
  let stored: Map<string, StoredCounselorFold>;
  if (listed) {
    ({ states: known, folds: stored } = await clientStatesAndFolds(db, clinicId, touched, listed));
    report.itemsRead += stored.size;
    // A listed fold not found means the list is wrong: the query finds every fold.
    if (stored.size !== listed.length) {
      stored = await counselorPartials(db, clinicId);
      report.itemsRead += stored.size;
    }
  } else if (mode === 'full') {
    stored = queried!;
    const { filings, keysRead } = await clientFilings(db, clinicId);
    known = [...filings].map(([clientId, filing]) => ({ clientId, events: [], ...filing }));
    report.itemsRead += keysRead - known.length; // the clients themselves are counted below, as in every mode
  } else {
    stored = queried!;
    known = mode === 'rebuild' ? await allClientStates(db, clinicId) : await clientStates(db, clinicId, touched);
  }
  report.itemsRead += known.length;
  const states = new Map(known.map((s) => [s.clientId, s]));
  const dueIds = new Set(due);

  // Each counselor's fold, its weeks before the caseload's first week dropped (never read again).
  const fromWeek = firstCaseloadWeek(asOf, timeZone);
  const folds = new Map<string, CounselorFold>();
  if (!fromScratch) for (const [id, fold] of stored) folds.set(id, { partial: fold.partial, weeks: pickWeeks(fold.weeks, fromWeek) });
  const weekTurned = !fromScratch && (!lease.asOf || isoWeekKey(lease.asOf, timeZone) !== isoWeekKey(asOf, timeZone));
  const changed = new Set<string>(weekTurned ? folds.keys() : []);
  const removedSummaries = new Map<string, ClientSummary[]>();
  const addedSummaries = new Map<string, ClientSummary[]>();
  const file = (into: Map<string, ClientSummary[]>, summary: ClientSummary) => {
    const filed = into.get(summary.counselorId);
    if (filed) filed.push(summary);
    else into.set(summary.counselorId, [summary]);
    changed.add(summary.counselorId);
  };

  const puts: Record<string, unknown>[] = [];
  const removed: PrimaryKey[] = [];
  // Due times put and whether any was removed, for the clinic's next due time (nextDue).
  const dueChanges = { put: [] as string[], removed: false };
  for (const clientId of new Set([...states.keys(), ...added.keys()])) {
    const before = states.get(clientId);
    const merged = mergeEvents(before?.events ?? [], added.get(clientId) ?? []);
    if (merged.events.length === 0) continue;
    // An overlap re-read with nothing new, of a client not due: its figures are as stored.
    if (!fromScratch && !merged.grew && !dueIds.has(clientId)) continue;
    const old = !fromScratch && before?.asOf ? summarize(before.events, before.asOf, timeZone) : null;
    const summary = summarize(merged.events, asOf, timeZone);
    // A client looked at when nothing about it changed (a due time kept early, see below) moves
    // no fold, row or as-of time.
    const same = old !== null && summary !== null && sameFigures(old, summary);
    if (!same) {
      if (old) file(removedSummaries, old);
      if (summary) file(addedSummaries, summary);
    }
    const row = summary ? caseloadRowOf(summary) : null;
    const exact = clientDueAt(merged.events, summary, asOf, timeZone);
    const dueAt = fromScratch ? exact : keptDueAt(before?.dueAt, exact, asOf);
    const state: ClientState = {
      clientId,
      events: merged.events,
      counselorId: summary?.counselorId ?? latestCounselor(merged.events),
      ...(summary ? { asOf: same ? before!.asOf! : asOf } : {}),
      ...(dueAt ? { dueAt } : {}),
      ...(row ? { onCaseload: true } : {}),
    };
    if (fromScratch || merged.grew || !same || dueAt !== before?.dueAt) puts.push(...clientStateItems(clinicId, state));
    // The row and due items move with the client; a key both removed and put is only put.
    const oldRow = before?.onCaseload && before.counselorId ? metricKeys.caseloadRow(clinicId, before.counselorId, clientId) : undefined;
    // The stored row is the old summary's: written again only if it changed (a row is made from
    // figures alone, so same figures make the same row).
    if (row && (fromScratch || !old || (!same && !isDeepStrictEqual(caseloadRowOf(old), row)))) puts.push(caseloadRowItem(clinicId, row));
    if (oldRow && (!row || row.counselorId !== before!.counselorId)) removed.push(oldRow);
    if (dueAt && dueAt !== before?.dueAt) {
      puts.push(clientDueItem(clinicId, clientId, dueAt));
      dueChanges.put.push(dueAt);
    }
    if (before?.dueAt && before.dueAt !== dueAt) {
      removed.push(metricKeys.clientDue(clinicId, before.dueAt, clientId));
      dueChanges.removed = true;
    }
    report.clientsDerived += 1;
  }

  // Each changed counselor's fold: old summaries out, new ones in, in a canonical form, so that a
  // fold kept by delta is stored exactly as one made from scratch would be.
  for (const counselorId of changed) {
    const base = folds.get(counselorId) ?? { partial: mergeGroupPartials([]), weeks: {} };
    const out = removedSummaries.get(counselorId) ?? [];
    const into = addedSummaries.get(counselorId) ?? [];
    const partial = canonicalGroupPartial(subtractAll(mergeGroupPartials([base.partial, groupPartialOf(into)]), groupPartialOf(out)));
    const weeks = canonicalPeriodTallies(subtractAll(mergeAll([base.weeks, weekTalliesOf(into, fromWeek)]), weekTalliesOf(out, fromWeek)));
    if (Object.keys(partial.counselors).length === 0) folds.delete(counselorId);
    else folds.set(counselorId, { partial, weeks });
  }
  for (const counselorId of changed) {
    const fold = folds.get(counselorId);
    if (fold) puts.push(counselorPartialItem(clinicId, { counselorId, asOf, timeZone, ...fold }));
    else if (stored.has(counselorId)) removed.push(metricKeys.counselorPartial(clinicId, counselorId));
  }
  if (fromScratch) {
    for (const counselorId of stored.keys()) if (!folds.has(counselorId)) removed.push(metricKeys.counselorPartial(clinicId, counselorId));
    if (lease.layout !== FIGURES_LAYOUT) removed.push(...(await legacyItemKeys(db, clinicId)));
  }

  // The clinic's views: every counselor's fold merged.
  // The count cells before this task, from the stored folds' counselor tallies (months play no part).
  const previous = fromScratch ? undefined : comparisonCountsOf({ counselors: Object.fromEntries([...stored.values()].flatMap((f) => Object.entries(f.partial.counselors))), months: {} });
  puts.push(...clinicViewItems(clinic, asOf, mergeGroupPartials([...folds.values()].map((f) => f.partial)), previous));

  // The writes go in batches, which carry no condition: the lease vouches for them while it has
  // time left (no other task can take it before it expires, and a worker is stopped at its
  // timeout, which is no longer than the lease); a task near or past its expiry proves its fence
  // first, and is refused if another task has taken the clinic meanwhile.
  // A task that dies among them leaves the rewriting mark, and the next rebuilds the clinic.
  const margin = Math.min(60_000, (options.leaseMs ?? DEFAULT_LEASE_MS) / 5);
  if (Date.parse(lease.leaseExpiresAt!) - task.wallClock().getTime() <= margin) await proveLease(db, clinicId, lease.fence);
  task.wrote = true;
  await batchPutAndDelete(db, puts, removed);
  report.itemsWritten = puts.length + removed.length + 1;

  const passed = Object.keys(lease.storedBySecond).filter((second) => `${second}.000Z` < watermark);
  report.caughtUp = passed.length === Object.keys(lease.storedBySecond).length;
  // The clinic's earliest due time after these writes: known without a read when the stored one is
  // still ahead and no due item was removed (the earlier of it and the new ones).
  const nextDueAt = fromScratch || dueChanges.removed || anyDue ? await earliestDue(db, clinicId) : earliestInstant([lease.nextDueAt, ...dueChanges.put]);
  await completeClinicTask(
    db,
    clinicId,
    lease.fence,
    {
      watermark,
      asOf,
      timeZone,
      researchConsent: clinic.researchConsent,
      nextDueAt,
      completedAt: new Date().toISOString(),
      layout: FIGURES_LAYOUT,
      // The folds stored now, for the next task to read with its states.
      ...(folds.size <= LISTED_FOLDS_AT_MOST ? { counselorFolds: { asOf, counselorIds: [...folds.keys()].sort() } } : {}),
    },
    passed,
    report.caughtUp,
  );
}

/**
 * The counselors whose folds the clinic's last completed task stored, for a task sure to adjust the
 * clinic by delta (its figures are of this layout and, the registration being known, this zone), if
 * it can trust the list: the list was made by the task that completed the clinic's current figures.
 */
function listedFolds(lease: ClinicAggregation, clinic: Clinic | undefined): string[] | undefined {
  const list = lease.counselorFolds;
  return list && clinic && list.asOf === lease.asOf ? list.counselorIds : undefined;
}

/** Weekly tallies from `fromWeek` on. */
function pickWeeks(weeks: Record<string, PeriodTally>, fromWeek: string): Record<string, PeriodTally> {
  return Object.fromEntries(Object.entries(weeks).filter(([week]) => week >= fromWeek));
}

/**
 * Whether two summaries of a client give the same figures: all but the as-of time they were made
 * at. A deep comparison stops at the first difference, and a client with new events almost always
 * has one early: comparing its summaries as JSON text was a tenth of an incremental run's CPU.
 */
function sameFigures(x: ClientSummary, y: ClientSummary): boolean {
  return isDeepStrictEqual({ ...x, asOf: '' }, { ...y, asOf: '' });
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

// The aggregation on dynalite for bench:aggregate: a store seeded as ingest would have left it, a
// store wrapper that counts requests and the items and bytes read, and two measurements of issue
// 11: incremental vs full (with the least work of any incremental run), and the same clients
// spread over more clinics. The largest clinic's heap is largest-clinic-heap.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { batchWriteAll } from '../../functions/store/batch-write.js';
import { clientStateItems, clientStates, type ClientState } from '../../functions/store/client-states.js';
import { changesBetween } from '../../functions/store/changes-between.js';
import { summarizeClient } from '../../functions/metrics/index.js';
import { eventItem } from '../../functions/store/put-event.js';
import { putClinic } from '../../functions/store/clinics.js';
import { countStoredEvents } from '../../functions/store/clinic-aggregation.js';
import { itemSize } from '../../functions/store/item-size.js';
import { runAggregation } from '../../functions/aggregation/run-aggregation.js';
import { eventSchema, type Event } from '../../functions/events/schema.js';
import { streamNetwork } from '../../functions/synthetic/index.js';
import { median, startDynamoProcess, stopChild } from './bench-support.js';
import { wrapStore } from '../support/wrap-store.js';

interface Store {
  db: DynamoDBDocumentClient;
  read: { items: number; bytes: number; byType: Map<string, number> };
  /** Store requests sent. */
  requests: { count: number };
  /** CPU time the database process has used so far, in ms (Linux's /proc). */
  databaseCpuMs(): number;
  close(): Promise<void>;
}

// Clock ticks a second, the unit of /proc/<pid>/stat's CPU times.
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** A process's user and system CPU time in ms, from fields 14 and 15 of /proc/<pid>/stat (proc(5)). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

let port = 8950;

/**
 * A fresh in-memory store whose reads are counted: every item a call returns, and its size. The
 * database runs in a process of its own, as DynamoDB is a service of its own: the aggregation's
 * heap and CPU are then its own, not shared with every stored item (in one process, collecting the
 * garbage of a 200,000-event store was most of an incremental run's time).
 */
async function countedStore(name: string): Promise<Store> {
  const dynamo = await startDynamoProcess({ port: port++ });
  process.env.TABLE_NAME = name;
  const db = createDocumentClient(dynamo.endpoint);
  await ensureTable(db);
  const read = { items: 0, bytes: 0, byType: new Map<string, number>() };
  const requests = { count: 0 };
  const counted = wrapStore(db, async (command, send) => {
    requests.count += 1;
    const result = (await send(command as never)) as Record<string, unknown>;
    const items = [
      ...((result.Items as Record<string, unknown>[]) ?? []),
      ...(result.Item ? [result.Item as Record<string, unknown>] : []),
      ...Object.values((result.Responses as Record<string, Record<string, unknown>[]>) ?? {}).flat(),
    ];
    read.items += items.length;
    for (const i of items) {
      const size = itemSize(i);
      read.bytes += size;
      const type = itemType(i);
      read.byType.set(type, (read.byType.get(type) ?? 0) + size);
    }
    return result as never;
  });
  return {
    db: counted,
    read,
    requests,
    databaseCpuMs: () => processCpuMs(dynamo.child.pid!),
    close: async () => {
      db.destroy();
      await stopChild(dynamo.child);
    },
  };
}

/** An item's type for the breakdown of bytes read: its sort key's first word, or the partition's for events. */
function itemType(item: Record<string, unknown>): string {
  const sk = String(item.sk ?? '');
  return sk === 'EVENT' || sk === 'CLINIC' ? `${String(item.pk).split('#')[0]} ${sk}` : sk.split('#')[0]!;
}

/** Writes events as ingest does (the event items, then each clinic's count for their second). */
export async function seed(db: DynamoDBDocumentClient, events: readonly Event[], ingestedAt: string) {
  await batchWriteAll(db, events.map((e) => eventItem(e, ingestedAt)));
  const perClinic = new Map<string, number>();
  for (const e of events) perClinic.set(e.clinicId, (perClinic.get(e.clinicId) ?? 0) + 1);
  for (const [clinicId, n] of perClinic) await countStoredEvents(db, clinicId, n, ingestedAt);
}

/** One run, timed; with what it read, how many requests it sent and the CPU each process used. */
async function timedRun(store: Store, now: string, full = false) {
  const before = { ...store.read, byType: new Map(store.read.byType) };
  const requestsBefore = store.requests.count;
  const databaseBefore = store.databaseCpuMs();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const run = await runAggregation(store.db, { now: new Date(now), settleMs: 0, overlapMs: 0, full });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  if (run.status !== 'completed' || run.clinicsFailed > 0) throw new Error(`run ${run.status}, ${run.clinicsFailed} clinics failed`);
  const byType = [...store.read.byType].map(([type, bytes]): [string, number] => [type, bytes - (before.byType.get(type) ?? 0)]).filter(([, b]) => b > 0);
  return {
    ...run,
    ms,
    itemsRead: store.read.items - before.items,
    bytesRead: store.read.bytes - before.bytes,
    byType,
    requests: store.requests.count - requestsBefore,
    cpuMs: (cpu.user + cpu.system) / 1000,
    databaseCpuMs: store.databaseCpuMs() - databaseBefore,
  };
}

/** The medians of a kind of run's request count and CPU times, as a phrase. */
const cpuPhrase = (runs: { requests: number; cpuMs: number; databaseCpuMs: number }[]) =>
  `${median(runs.map((r) => r.requests))} store requests; CPU ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms in this process, ${median(runs.map((r) => r.databaseCpuMs)).toFixed(0)} ms in the database's`;

/** Synthetic events, the newest `share` by when they happened held back as the "new" ones. */
export function syntheticEvents(storeEvents: number, share: number) {
  const network = streamNetwork({ clients: Math.ceil(storeEvents / 30), seed: 3, asOf: '2026-11-01T00:00:00.000Z' });
  const events: Event[] = [];
  for (const e of network.events) {
    events.push(eventSchema.parse(e) as Event);
    if (events.length === storeEvents) break;
  }
  const byTime = [...events].sort((x, y) => Date.parse(x.occurredAt) - Date.parse(y.occurredAt));
  const cut = Math.floor(events.length * (1 - share));
  return { clinics: network.clinics, events, base: byTime.slice(0, cut), added: byTime.slice(cut) };
}

const T0 = '2026-11-01T10:00:00.000Z';
const T1 = '2026-11-01T10:05:00.000Z';
// Timed runs of each kind; medians are reported (the machine's noise moves one run by up to a third).
const REPEATS = 5;

/**
 * Full against incremental on one store. Times are medians: three full runs (the first from
 * nothing, the others re-deriving everything again), then five increments of the newest 1%: the
 * first as it was, the others the same events under new ids, so each re-derives the same clients;
 * after each, the least work of any incremental run on the same increment (leastWork). Items and
 * bytes are the first of each.
 */
export async function incrementalVsFull(storeEvents: number): Promise<string[]> {
  const { clinics, events, base, added } = syntheticEvents(storeEvents, 0.01);
  const store = await countedStore('bench-incremental');
  try {
    for (const c of clinics) await putClinic(store.db, { clinicId: c.clinicId, timeZone: c.timeZone, researchConsent: true, updatedAt: T0 });
    await seed(store.db, base, T0);
    const fulls = [];
    for (let k = 0; k < 3; k++) fulls.push(await timedRun(store, `2026-11-01T10:0${1 + k}:00.000Z`, k > 0));
    const increments = [];
    const least: LeastWork[] = [];
    for (let k = 0; k < REPEATS; k++) {
      const minute = `2026-11-01T10:${String(5 + k).padStart(2, '0')}`;
      const increment = k === 0 ? added : added.map((e) => ({ ...e, id: `${k}.${e.id}` }));
      await seed(store.db, increment, `${minute}:00.000Z`);
      increments.push(await timedRun(store, `${minute}:30.000Z`));
      least.push(await leastWork(store.db, clinics, increment, `${minute}:00.000Z`, `${minute}:30.000Z`));
    }
    const full = { ...fulls[0]!, ms: median(fulls.map((r) => r.ms)) };
    const incremental = { ...increments[0]!, ms: median(increments.map((r) => r.ms)) };
    const part = (name: keyof LeastWork) => median(least.map((w) => w[name]));
    const floor = part('whole');
    const range = (runs: { ms: number }[]) => `${Math.min(...runs.map((r) => r.ms)).toFixed(0)}–${Math.max(...runs.map((r) => r.ms)).toFixed(0)}`;
    const touched = new Set(added.map((e) => `${e.clinicId}/${e.clientId}`)).size;
    const clients = new Set(events.map((e) => `${e.clinicId}/${e.clientId}`)).size;
    const pct = (x: number, of: number) => `${((100 * x) / of).toFixed(2)}%`;
    const line = (name: string, r: typeof full, runs: { ms: number }[]) =>
      `${name.padEnd(16)} ${r.itemsRead.toLocaleString('en').padStart(9)} items read, ${(r.bytesRead / 1e6).toFixed(1).padStart(6)} MB read, ${r.itemsWritten.toLocaleString('en').padStart(7)} written, ${r.ms.toFixed(0).padStart(6)} ms (median of ${runs.length}: ${range(runs)})`;
    return [
      `store: ${events.length.toLocaleString('en')} events, ${clients.toLocaleString('en')} clients in ${clinics.length} clinics; added ${added.length.toLocaleString('en')} events (1%) touching ${touched} clients`,
      line('full run:', full, fulls),
      line('incremental run:', incremental, increments),
      `incremental bytes read by item type: ${incremental.byType
        .sort((x, y) => y[1] - x[1])
        .map(([type, bytes]) => `${type} ${(bytes / 1e6).toFixed(2)} MB`)
        .join(', ')}`,
      `incremental run, medians: ${cpuPhrase(increments)}; full run: ${cpuPhrase(fulls)}`,
      `least work of any incremental run that keeps a state per client (the increment read from the feed, the ${touched} touched states read, each touched client summarised without and with the increment, the states written back; no fold, row, due item or view): ${floor.toFixed(0)} ms (median of ${least.length}), ${pct(floor, full.ms)} of the full run (the goal is 5%); the incremental run took ${(incremental.ms / floor).toFixed(1)}× that`,
      `  each part alone: feed ${part('feed').toFixed(0)} ms (${pct(part('feed'), full.ms)}), states read ${part('read').toFixed(0)} ms (${pct(part('read'), full.ms)}), summaries ${part('summaries').toFixed(0)} ms (${pct(part('summaries'), full.ms)}), states written ${part('write').toFixed(0)} ms (${pct(part('write'), full.ms)})`,
      `per client: the full run ${(full.ms / clients).toFixed(2)} ms for each of the store's ${clients.toLocaleString('en')} clients, the incremental run ${(incremental.ms / touched).toFixed(2)} ms for each of the ${touched} it touched (${pct(touched, clients)} of them)`,
      `incremental/full: time ${pct(incremental.ms, full.ms)} (goal ≤ 5%), items read ${pct(incremental.itemsRead, full.itemsRead)} (goal ≤ 3%), bytes read ${pct(incremental.bytesRead, full.bytesRead)} (goal ≤ 3%)`,
    ];
  } finally {
    await store.close();
  }
}

/** `leastWork` in ms: as one run would do it, and each part alone. */
interface LeastWork {
  whole: number;
  feed: number;
  read: number;
  summaries: number;
  write: number;
}

/**
 * The least work any incremental run that keeps one stored state per client must do for an
 * increment, on the same store after the run: read the increment from the clinic's change feed;
 * read each touched client's state; summarise each touched client without and with the increment
 * (the figures it leaves and those it brings: a counselor's partial is kept by delta); write each
 * state back. No fold, caseload row, due item or view; nor the merge of the increment into each
 * state (the states read already hold it), so the bound errs low. Timed whole, the clinics side by
 * side as a run's tasks are, and then each part alone, for where the time goes.
 */
async function leastWork(db: DynamoDBDocumentClient, clinics: readonly { clinicId: string; timeZone: string }[], increment: readonly Event[], ingestedFrom: string, asOf: string): Promise<LeastWork> {
  const touched = new Map<string, Set<string>>();
  for (const e of increment) touched.set(e.clinicId, (touched.get(e.clinicId) ?? new Set()).add(e.clientId));
  const incrementIds = new Set(increment.map((e) => e.id));
  const parts = { feed: 0, read: 0, summaries: 0, write: 0 };
  const timed = async <T>(part: keyof typeof parts, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    parts[part] = performance.now() - started;
    return result;
  };
  const feed = (clinicId: string) => changesBetween(db, clinicId, ingestedFrom, asOf);
  const read = (clinicId: string) => clientStates(db, clinicId, [...(touched.get(clinicId) ?? [])]);
  const summarise = (states: readonly ClientState[], timeZone: string) => {
    for (const { events } of states) {
      const before = events.filter((e) => !incrementIds.has(e.id));
      if (before.length > 0) summarizeClient(before, { asOf, timeZone });
      summarizeClient(events, { asOf, timeZone });
    }
  };
  const write = (clinicId: string, states: readonly ClientState[]) => batchWriteAll(db, states.flatMap((state) => clientStateItems(clinicId, state)));

  const started = performance.now();
  await Promise.all(
    clinics.map(async ({ clinicId, timeZone }) => {
      await feed(clinicId);
      const states = await read(clinicId);
      summarise(states, timeZone);
      await write(clinicId, states);
    }),
  );
  const whole = performance.now() - started;
  await timed('feed', () => Promise.all(clinics.map((c) => feed(c.clinicId))));
  const states = await timed('read', () => Promise.all(clinics.map((c) => read(c.clinicId))));
  await timed('summaries', () => {
    for (const [i, { timeZone }] of clinics.entries()) summarise(states[i]!, timeZone);
  });
  await timed('write', () => Promise.all(clinics.map((c, i) => write(c.clinicId, states[i]!))));
  return { whole, ...parts };
}

/**
 * The same clients and new events spread over more and more clinics: the incremental run's time.
 * Every spread has its own store, set up first; then each round times one incremental run on each
 * store in turn, so the machine's slow drift (2 shared cores) weighs on every spread about alike
 * (the order within a round is fixed), and each round's ratio to the first spread is taken within
 * the round. Medians of the rounds are reported.
 */
export async function clinicScaling(clinicCounts: readonly number[], clients: number, newEvents: number): Promise<string[]> {
  const network = streamNetwork({ clients, seed: 11, asOf: '2026-11-01T00:00:00.000Z' });
  const all = [...network.events].map((e) => eventSchema.parse(e) as Event);
  const byTime = [...all].sort((x, y) => Date.parse(x.occurredAt) - Date.parse(y.occurredAt));
  const base = byTime.slice(0, -newEvents);
  const added = byTime.slice(-newEvents);
  const spreads: { n: number; store: Store; move: (list: Event[]) => Event[]; runs: Awaited<ReturnType<typeof timedRun>>[] }[] = [];
  try {
    for (const n of clinicCounts) {
      // Each client goes to one of n clinics by a hash of its id; its events follow it.
      const clinicOf = (e: Event) => `c${(hash(`${e.clinicId}/${e.clientId}`) % n).toString().padStart(3, '0')}`;
      const move = (list: Event[]) => list.map((e) => ({ ...e, clinicId: clinicOf(e) }));
      // One table name for every store: each is a database process of its own.
      const store = await countedStore('bench-scaling');
      spreads.push({ n, store, move, runs: [] });
      for (let c = 0; c < n; c++) await putClinic(store.db, { clinicId: `c${String(c).padStart(3, '0')}`, timeZone: 'America/Chicago', researchConsent: true, updatedAt: T0 });
      await seed(store.db, move(base), T0);
      await timedRun(store, '2026-11-01T10:01:00.000Z');
      // A first incremental run, not timed: every store starts the rounds warm.
      await seed(store.db, move(added), T1);
      await timedRun(store, '2026-11-01T10:05:30.000Z');
    }
    // The same increment again each round under new ids (its clients re-derived each time).
    for (let k = 0; k < REPEATS; k++) {
      const minute = `2026-11-01T10:${String(6 + k).padStart(2, '0')}`;
      for (const spread of spreads) {
        await seed(spread.store.db, spread.move(added).map((e) => ({ ...e, id: `${k}.${e.id}` })), `${minute}:00.000Z`);
        spread.runs.push(await timedRun(spread.store, `${minute}:30.000Z`));
      }
    }
  } finally {
    for (const { store } of spreads) await store.close();
  }
  const baseline = spreads[0]!;
  return spreads.flatMap(({ n, runs }) => {
    const { ms, networkMs, clinics } = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(REPEATS / 2)]!;
    const ratios = runs.map((r, k) => r.ms / baseline.runs[k]!.ms);
    return [
      `${String(n).padStart(4)} clinics (${String(clinics).padStart(3)} with new events): incremental run ${ms.toFixed(0).padStart(6)} ms (median of ${REPEATS}), of which network step ${networkMs ?? 0} ms; ${median(ratios).toFixed(2)}× the ${baseline.n}-clinic time (median of the rounds' ratios, ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}; goal ≤ 2×)`,
      `     ${cpuPhrase(runs)}`,
    ];
  });
}

function hash(s: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16_777_619) >>> 0;
  return h;
}

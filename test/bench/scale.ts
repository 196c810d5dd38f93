// `npm run bench:scale`: partition load and item sizes at the target (SPEC §8: 10,000 clinics,
// 10 million clients, 1 billion events a year, peaks at 10× the mean), from a model driven by the
// real key functions and item builders and by item sizes measured on real synthetic data. Clinic
// sizes are lognormal (σ = 1.2, mean 1,000 clients), the largest capped at 40,000 clients.
//
// Per partition, the load at 10× the mean peak, against half of DynamoDB's per-partition limits
// (1,000 WCU and 3,000 RCU a second): ingest's writes (the event item; its change-feed index entry,
// whose partition is the clinic's; the clinic's per-second count) arrive as events do; a clinic
// task's reads and writes fall in its clinic's metrics partition once per 5-minute run, paced by the
// worker over `--pace` seconds.
import { parseArgs } from 'node:util';
import { clientDueAt, keptDueAt } from '../../functions/aggregation/client-due.js';
import { LISTED_FOLDS_AT_MOST } from '../../functions/aggregation/clinic-task.js';
import { clinicViewItems } from '../../functions/aggregation/clinic-views.js';
import { eventSchema, type Event } from '../../functions/events/schema.js';
import { caseloadRowOf, firstCaseloadWeek, groupPartialOf, mergeGroupPartials, summarizeClient, weekTalliesOf, type ClientSummary } from '../../functions/metrics/index.js';
import { caseloadRowItem } from '../../functions/store/caseload-rows.js';
import { clientDueItem } from '../../functions/store/client-due-items.js';
import { clientStateItems } from '../../functions/store/client-states.js';
import { counselorPartialItem } from '../../functions/store/counselor-partials.js';
import { aggregationKeys, eventKeys } from '../../functions/store/keys.js';
import { eventItem } from '../../functions/store/put-event.js';
import { itemSize } from '../../functions/store/item-size.js';
import { streamNetwork } from '../../functions/synthetic/index.js';
import { machine } from './bench-support.js';

const { values } = parseArgs({ options: { pace: { type: 'string', default: '60' }, seed: { type: 'string', default: '7' } } });
const PACE_S = Number(values.pace);
const CLINICS = 10_000;
const CLIENTS = 10_000_000;
const EVENTS_PER_YEAR = 1_000_000_000;
const PEAK = 10;
const LARGEST = 40_000;
const CLIENTS_PER_COUNSELOR = 133; // 40,000 clients / 300 counselors
const RUN_S = 300;
const RUN_CHOICES_S = [300, 900, 3_600];
const KB = 1024;

const itemBytes = itemSize;
const units = (bytes: number, per: number) => Math.ceil(bytes / per);

// --- measured on real synthetic data ---------------------------------------------------------------
const AS_OF = '2026-11-01T00:00:00.000Z';
const network = streamNetwork({ clients: 400, seed: 5, asOf: AS_OF });
const clinic = network.clinics[0]!;
const byClient = new Map<string, Event[]>();
for (const e of network.events) if (e.clinicId === clinic.clinicId) byClient.set(e.clientId, [...(byClient.get(e.clientId) ?? []), eventSchema.parse(e) as Event]);
const clients = [...byClient.values()];
const summaries = clients.map((events) => summarizeClient(events, { asOf: AS_OF, timeZone: clinic.timeZone }));
const eventsPerClient = clients.reduce((n, c) => n + c.length, 0) / clients.length;
const sample = clients.flat();
const eventItemBytes = sample.reduce((n, e) => n + itemBytes(eventItem(e, AS_OF)), 0) / sample.length;
const filed = { counselorId: 'co-1', asOf: AS_OF, dueAt: AS_OF, onCaseload: true };
const stateBytes = clients.reduce((n, events) => n + itemBytes(clientStateItems(clinic.clinicId, { clientId: events[0]!.clientId, events, ...filed })[0]!), 0) / clients.length;
const clone = (i: number, counselorId: string): ClientSummary => ({ ...summaries[i % summaries.length]!, clientId: `c-${i}`, counselorId });
const ownCaseload = Array.from({ length: CLIENTS_PER_COUNSELOR }, (_, i) => clone(i, 'co-1'));
const caseloadRows = ownCaseload.flatMap((s) => caseloadRowOf(s) ?? []);
const rowBytes = caseloadRows.reduce((n, row) => n + itemBytes(caseloadRowItem(clinic.clinicId, row)), 0) / caseloadRows.length;
const dueBytes = itemBytes(clientDueItem(clinic.clinicId, 'c-000001', AS_OF));
const partial = groupPartialOf(ownCaseload);
const weeks = weekTalliesOf(ownCaseload, firstCaseloadWeek(AS_OF, clinic.timeZone));
const partialBytes = itemBytes(counselorPartialItem(clinic.clinicId, { counselorId: 'co-1', asOf: AS_OF, timeZone: clinic.timeZone, partial, weeks }));
const largestPartials = Array.from({ length: LARGEST / CLIENTS_PER_COUNSELOR }, (_, c) => groupPartialOf(Array.from({ length: 20 }, (_, i) => clone(c * 20 + i, `co-${c}`))));
const clinicItems = clinicViewItems({ clinicId: clinic.clinicId, timeZone: clinic.timeZone, researchConsent: true, updatedAt: AS_OF }, AS_OF, mergeGroupPartials(largestPartials));
// The clinic view (its main item and its pages of counselor rows), then the count row.
const viewItems = clinicItems.slice(0, -1);
const clinicViewBytes = viewItems.reduce((n, i) => n + itemBytes(i), 0);
const largestViewItemBytes = Math.max(...viewItems.map(itemBytes));
const countRowBytes = itemBytes(clinicItems.at(-1)!);
// The largest event set the model allows one item: 20,000 events of the measured size, packed.
const biggestStateParts = clientStateItems(clinic.clinicId, { clientId: 'x', events: Array.from({ length: 20_000 }, (_, i) => ({ ...sample[i % sample.length]!, id: `${i}-${sample[i % sample.length]!.id}` })) });

// What a client's new event makes a task write, when each event arrives in a task of its own (most
// do at the target: a clinic sees an event every few runs): simulated over the synthetic clients'
// histories with the task's rules. Its row is written when it changed; its due item moves (a delete
// and a put) only when the due time comes earlier, or when a due time kept early comes and the
// client is looked at, which is a task of its own (clinic-task.ts).
function perEventWrites() {
  let events = 0;
  let rowWrites = 0;
  let dueWrites = 0;
  let dueLooks = 0;
  const summarize = (list: Event[], asOf: string) => {
    try {
      return summarizeClient(list, { asOf, timeZone: clinic.timeZone });
    } catch {
      return null; // every event still ahead
    }
  };
  for (const history of clients) {
    const sorted = [...history].sort((x, y) => Date.parse(x.occurredAt) - Date.parse(y.occurredAt));
    let dueAt: string | undefined;
    let row = 'null';
    const move = (to: string | undefined) => {
      if (to === dueAt) return;
      dueWrites += (dueAt ? 1 : 0) + (to ? 1 : 0);
      dueAt = to;
    };
    for (let i = 1; i <= sorted.length; i++) {
      const asOf = new Date(Date.parse(sorted[i - 1]!.occurredAt) + 1_000).toISOString();
      // Due times that came before this event: the client is looked at then.
      while (dueAt !== undefined && dueAt <= asOf) {
        dueLooks += 1;
        const seen = sorted.slice(0, i - 1);
        move(clientDueAt(seen, summarize(seen, dueAt), dueAt, clinic.timeZone));
      }
      const seen = sorted.slice(0, i);
      const summary = summarize(seen, asOf);
      const exact = clientDueAt(seen, summary, asOf, clinic.timeZone);
      move(keptDueAt(dueAt, exact, asOf));
      const next = JSON.stringify(summary ? caseloadRowOf(summary) : null);
      if (next !== row && next !== 'null') rowWrites += 1;
      row = next;
      events += 1;
    }
  }
  return { rowWrites: rowWrites / events, dueWrites: dueWrites / events, dueLooks: dueLooks / events };
}
const eventWrites = perEventWrites();

// --- lognormal clinic sizes ---------------------------------------------------------------------------
let seed = Number(values.seed);
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return (seed + 0.5) / 2 ** 31;
};
const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
const SIGMA = 1.2;
const raw = Array.from({ length: CLINICS }, () => Math.exp(SIGMA * normal()));
const scale = CLIENTS / raw.reduce((a, b) => a + b, 0);
const sizes = raw.map((r) => Math.max(1, Math.min(LARGEST, Math.round(r * scale)))).sort((a, b) => b - a);
sizes[0] = LARGEST; // the target's largest clinic, whatever the draw

// --- one clinic task's reads and writes, for a clinic and a run's events ---------------------------
/** Distinct bins hit by k balls thrown into n bins. */
const distinct = (n: number, k: number) => n * (1 - (1 - 1 / n) ** k);
// The clinic's aggregation item is small: its bookkeeping, and the counselors with a fold when
// they are few enough to be listed (clinic-task.ts, LISTED_FOLDS_AT_MOST), about 20 bytes each.
const AGGREGATION_ITEM_BYTES = 400;
function task(clinicClients: number, runEvents: number) {
  const counselors = Math.max(1, Math.ceil(clinicClients / CLIENTS_PER_COUNSELOR));
  const listed = counselors <= LISTED_FOLDS_AT_MOST;
  const aggregationBytes = AGGREGATION_ITEM_BYTES + (listed ? 20 * counselors : 0);
  const touchedClients = distinct(clinicClients, runEvents);
  const touchedCounselors = distinct(counselors, touchedClients);
  const viewBytes = (clinicViewBytes * counselors) / largestPartials.length;
  // Strongly consistent reads: 4 KB units, each item rounded up (BatchGetItem) or the query's total.
  const readRcu =
    touchedClients * units(stateBytes, 4 * KB) +
    // Every counselor's fold: with the states when listed, else one query.
    (listed ? counselors * units(partialBytes, 4 * KB) : units(counselors * partialBytes, 4 * KB)) +
    units(runEvents * eventItemBytes, 4 * KB) / 2 + // the change feed: an index, eventually consistent
    units(aggregationBytes, 4 * KB) + 1 + 1 + 1; // the lease, the clinic, the due query, the earliest due: charged always, an upper bound
  // A touched client: its state, its row when it changed, its due item when it moved (perEventWrites).
  const perClient = units(stateBytes, KB) + eventWrites.rowWrites * units(rowBytes, KB) + eventWrites.dueWrites * units(dueBytes, KB);
  const writeWcu =
    touchedClients * perClient +
    touchedCounselors * units(partialBytes, KB) +
    units(viewBytes, KB) + units(countRowBytes, KB) +
    2 * units(aggregationBytes, KB) + 1; // lease (with the rewriting mark) and completion; the run's count-down
  return { counselors, readRcu, writeWcu };
}

// --- per-partition load at 10× the mean peak ---------------------------------------------------------
const meanEventsPerSecond = EVENTS_PER_YEAR / (365 * 86_400);
const peakEventsPerSecond = PEAK * meanEventsPerSecond;
const rows = sizes.map((clinicClients, rank) => {
  const clinicId = `clinic-${rank}`;
  const eventsPerSecond = (peakEventsPerSecond * clinicClients) / CLIENTS;
  const { readRcu, writeWcu } = task(clinicClients, eventsPerSecond * RUN_S);
  // Ingest: the change-feed index entry lands in the clinic's CHANGES partition, the count in its AGGREGATION item.
  const changesWcu = eventsPerSecond * units(eventItemBytes, KB);
  const countWcu = eventsPerSecond * units(AGGREGATION_ITEM_BYTES, KB); // one update a request, at worst one event a request
  const taskReadBytes = readRcu * 4 * KB;
  const taskWriteWcu = writeWcu;
  return {
    clinicId,
    clinicClients,
    partitions: {
      [eventKeys.changesPartition(clinicId)]: { wcu: changesWcu, rcu: 0 },
      [aggregationKeys.clinic(clinicId).pk]: { wcu: countWcu, rcu: 0 },
      [`METRICS#${clinicId}`]: { wcu: taskWriteWcu / PACE_S, rcu: taskReadBytes / (4 * KB) / PACE_S },
    },
  };
});
const worst = (metric: 'wcu' | 'rcu') =>
  rows.flatMap((r) => Object.entries(r.partitions).map(([pk, load]) => ({ pk, clients: r.clinicClients, value: load[metric] }))).sort((a, b) => b.value - a.value)[0]!;
const w = worst('wcu');
const r = worst('rcu');

const pct = (x: number, of: number) => `${((100 * x) / of).toFixed(1)}%`;
console.log(`bench:scale — machine: ${await machine()}`);
console.log(`\nMeasured item sizes (real item builders, synthetic clients with ${eventsPerClient.toFixed(0)} events each)`);
const sizeRows: [string, number][] = [
  ['event item (with change-feed keys)', eventItemBytes],
  ['client state item (events packed)', stateBytes],
  ['caseload row item (one a client on a caseload)', rowBytes],
  ['due item (one a client with a due time)', dueBytes],
  [`counselor fold (partial and weeks; ${CLIENTS_PER_COUNSELOR} clients)`, partialBytes],
  [`clinic view, ${largestPartials.length} counselors: all ${viewItems.length} items`, clinicViewBytes],
  ['   its largest item', largestViewItemBytes],
  ['count row', countRowBytes],
  [`client state of 20,000 events: largest of ${biggestStateParts.length} items`, Math.max(...biggestStateParts.map(itemBytes))],
];
for (const [name, bytes] of sizeRows) console.log(`   ${name.padEnd(58)} ${(bytes / KB).toFixed(1).padStart(7)} KB   ${pct(bytes, 400 * KB)} of 400 KB`);
console.log(
  `\nPer event, each in a task of its own (simulated over ${clients.length} synthetic histories): ${eventWrites.rowWrites.toFixed(2)} row writes, ${eventWrites.dueWrites.toFixed(2)} due-item writes, ${eventWrites.dueLooks.toFixed(2)} looks at a client whose early due time came`,
);
console.log(`\nClinic sizes: lognormal σ ${SIGMA}, ${CLINICS.toLocaleString('en')} clinics, ${CLIENTS.toLocaleString('en')} clients; largest ${sizes[0]!.toLocaleString('en')}, median ${sizes[CLINICS / 2]!.toLocaleString('en')}, smallest ${sizes.at(-1)}`);
console.log(`Peak (10× mean): ${peakEventsPerSecond.toFixed(0)} events/s network-wide; clinic tasks paced over ${PACE_S} s of each ${RUN_S} s run`);
console.log(`   hottest write partition: ${w.pk} (${w.clients.toLocaleString('en')} clients) ${w.value.toFixed(1)} WCU/s = ${pct(w.value, 1_000)} of 1,000 (goal ≤ 50%)`);
console.log(`   hottest read partition:  ${r.pk} (${r.clients.toLocaleString('en')} clients) ${r.value.toFixed(1)} RCU/s = ${pct(r.value, 3_000)} of 3,000 (goal ≤ 50%)`);
const largest = rows[0]!;

// --- per event, at the mean rate: the cost model's constants (docs/cost-model.md) ----------------------
const perRun = (rate: number, runS: number) => {
  let wcu = 0;
  let rcu = 0;
  let tasks = 0;
  for (const clinicClients of sizes) {
    // A due time kept early that comes is one more client for the clinic's task of that run
    // (perEventWrites), counted here as if it were an event.
    const runEvents = ((rate * runS * clinicClients) / CLIENTS) * (1 + eventWrites.dueLooks);
    if (runEvents <= 0) continue;
    // A clinic with less than one event a run is taken in that share of runs, with one event.
    const share = Math.min(1, runEvents);
    const t = task(clinicClients, Math.max(1, runEvents));
    tasks += share;
    wcu += share * t.writeWcu;
    rcu += share * t.readRcu;
  }
  // The coordinator reads every clinic's aggregation item, the network step every count row.
  const everyRun = sizes.length * (units(AGGREGATION_ITEM_BYTES, 4 * KB) + 1);
  const events = rate * runS;
  return { taskWcu: wcu / events, taskRcu: rcu / events, pollRcu: everyRun / events, tasks: tasks / events };
};
for (const [pk, load] of Object.entries(largest.partitions)) console.log(`   largest clinic ${pk.padEnd(32)} ${load.wcu.toFixed(1).padStart(8)} WCU/s ${load.rcu.toFixed(1).padStart(8)} RCU/s`);
console.log(`\nPer event at the mean rate (${meanEventsPerSecond.toFixed(1)} events/s), by run interval (ingest adds 2 WRU an event and a count update a request):`);
for (const runS of RUN_CHOICES_S) {
  const m = perRun(meanEventsPerSecond, runS);
  console.log(`   every ${String(runS / 60).padStart(2)} min: clinic tasks ${m.taskWcu.toFixed(1).padStart(5)} WRU ${m.taskRcu.toFixed(1).padStart(5)} RRU; coordinator and network step ${m.pollRcu.toFixed(2)} RRU; ${m.tasks.toFixed(2)} clinic tasks an event`);
}

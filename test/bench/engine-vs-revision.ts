// The metrics engine now against the engine at an earlier git revision, in one process on the same
// events, so a change to the engine can show it made nothing slower (a shared machine's load
// swings too much between runs for figures from two processes to compare).
//
//   npx tsx test/bench/engine-vs-revision.ts --revision cf21715 [--events 300000] [--repetitions 7]
//
// The revision's functions/ is extracted with `git archive` into a temporary directory (with this
// checkout's node_modules linked in) and imported beside the current code. Timed per side, in
// alternation, after one untimed warm-up each: summarizeClient for every client, and the clinic
// fold (clinicMetrics and compareModes per clinic) over those summaries. Medians are quoted, with the
// ratio now ÷ revision (below 1 is faster).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { eventSchema, type Event } from '../../functions/events/schema.js';
import { streamNetwork } from '../../functions/synthetic/index.js';
import { machine, median } from './bench-support.js';

type Engine = {
  summarizeClient: (events: readonly Event[], ctx: { asOf: string; timeZone: string }) => unknown;
  clinicMetrics: (summaries: readonly never[]) => unknown;
  compareModes: (summaries: readonly never[]) => unknown;
};

const AS_OF = '2026-11-01T00:00:00.000Z';
const { values } = parseArgs({
  options: { revision: { type: 'string', default: 'cf21715' }, events: { type: 'string', default: '300000' }, repetitions: { type: 'string', default: '7' } },
});

function clientsOf(target: number) {
  const network = streamNetwork({ clients: Math.ceil(target / 33), seed: 7, asOf: AS_OF });
  const zones = new Map(network.clinics.map((c) => [c.clinicId, c.timeZone]));
  const byClient = new Map<string, { clinicId: string; timeZone: string; events: Event[] }>();
  let events = 0;
  for (const input of network.events) {
    const event = eventSchema.parse(input);
    const key = `${event.clinicId}/${event.clientId}`;
    let client = byClient.get(key);
    if (!client) byClient.set(key, (client = { clinicId: event.clinicId, timeZone: zones.get(event.clinicId)!, events: [] }));
    client.events.push(event);
    events += 1;
  }
  return { clients: [...byClient.values()], events };
}

async function engineAt(revision: string): Promise<{ engine: Engine; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'engine-revision-'));
  const archive = execFileSync('git', ['archive', '--format=tar', revision, 'functions'], { maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  const engine = (await import(pathToFileURL(join(dir, 'functions/metrics/index.ts')).href)) as Engine;
  return { engine, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function run(engine: Engine, clients: ReturnType<typeof clientsOf>['clients']) {
  const started = performance.now();
  const byClinic = new Map<string, unknown[]>();
  for (const c of clients) {
    let list = byClinic.get(c.clinicId);
    if (!list) byClinic.set(c.clinicId, (list = []));
    list.push(engine.summarizeClient(c.events, { asOf: AS_OF, timeZone: c.timeZone }));
  }
  const summarized = performance.now();
  for (const summaries of byClinic.values()) {
    engine.clinicMetrics(summaries as never[]);
    engine.compareModes(summaries as never[]);
  }
  return { summarizeMs: summarized - started, foldMs: performance.now() - summarized };
}

const { clients, events } = clientsOf(Number(values.events));
const current = (await import('../../functions/metrics/index.js')) as unknown as Engine;
const { engine: baseline, cleanup } = await engineAt(values.revision);
try {
  const timings = { now: [] as ReturnType<typeof run>[], revision: [] as ReturnType<typeof run>[] };
  run(current, clients);
  run(baseline, clients);
  for (let i = 0; i < Number(values.repetitions); i++) {
    timings.now.push(run(current, clients));
    timings.revision.push(run(baseline, clients));
  }
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const line = (label: string, pick: (t: ReturnType<typeof run>) => number) => {
    const now = median(timings.now.map(pick));
    const before = median(timings.revision.map(pick));
    return `  ${label}: now ${ms(now)}, ${values.revision} ${ms(before)} — ratio ${(now / before).toFixed(2)}×`;
  };
  console.log(
    [
      `Engine now vs ${values.revision} — ${events.toLocaleString('en-US')} events, ${clients.length.toLocaleString('en-US')} clients, as of ${AS_OF}`,
      `  machine: ${await machine()}; median of ${values.repetitions} alternating runs after 1 warm-up each`,
      line('summarizeClient, every client', (t) => t.summarizeMs),
      line('clinic fold (clinicMetrics + compareModes per clinic)', (t) => t.foldMs),
      line('both', (t) => t.summarizeMs + t.foldMs),
    ].join('\n'),
  );
} finally {
  cleanup();
}

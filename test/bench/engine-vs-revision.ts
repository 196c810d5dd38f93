// The metrics engine now against the engine at an earlier git revision, in one process on the same
// events (engine-vs-duckdb.ts's synthetic clients, corrections included), so a change to the engine can show it made nothing slower (a shared machine's load
// swings too much between runs for figures from two processes to compare).
//
//   npx tsx test/bench/engine-vs-revision.ts --revision cf21715 [--events 300000] [--repetitions 7]
//
// The revision's functions/ is extracted with `git archive` into a temporary directory (with this
// checkout's node_modules linked in) and imported beside the current code. Timed per side, in
// alternation, after one untimed warm-up each: summarizeClient for every client, and the clinic
// fold (clinicMetrics and compareModes per clinic) over those summaries. Medians are quoted, with the
// ratio now ÷ revision (below 1 is faster), and the median of the ratios of adjacent runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Event } from '../../functions/events/schema.js';
import { machine, median } from './bench-support.js';
import { AS_OF, type ClientEvents, syntheticClients } from './engine-vs-duckdb.js';

type Engine = {
  summarizeClient: (events: readonly Event[], ctx: { asOf: string; timeZone: string }) => unknown;
  clinicMetrics: (summaries: readonly never[]) => unknown;
  compareModes: (summaries: readonly never[]) => unknown;
};

const { values } = parseArgs({
  options: { revision: { type: 'string', default: 'cf21715' }, events: { type: 'string', default: '300000' }, repetitions: { type: 'string', default: '7' } },
});

async function engineAt(revision: string): Promise<{ engine: Engine; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'engine-revision-'));
  const archive = execFileSync('git', ['archive', '--format=tar', revision, 'functions'], { maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  const engine = (await import(pathToFileURL(join(dir, 'functions/metrics/index.ts')).href)) as Engine;
  return { engine, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function run(engine: Engine, clients: readonly ClientEvents[]) {
  const started = performance.now();
  const byClinic = new Map<string, unknown[]>();
  for (const c of clients) {
    let list = byClinic.get(c.clinicId);
    if (!list) {
      list = [];
      byClinic.set(c.clinicId, list);
    }
    list.push(engine.summarizeClient(c.events, { asOf: AS_OF, timeZone: c.timeZone }));
  }
  const summarized = performance.now();
  for (const summaries of byClinic.values()) {
    engine.clinicMetrics(summaries as never[]);
    engine.compareModes(summaries as never[]);
  }
  return { summarizeMs: summarized - started, foldMs: performance.now() - summarized };
}

const { clients, events } = syntheticClients(Number(values.events));
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
    // Each run beside the other side's run next to it: load drifts less within a pair than across the benchmark.
    const pairwise = median(timings.now.map((t, i) => pick(t) / pick(timings.revision[i]!)));
    return `  ${label}: now ${ms(now)}, ${values.revision} ${ms(before)} — ratio of medians ${(now / before).toFixed(2)}×, median pairwise ratio ${pairwise.toFixed(2)}×`;
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

// `npm run bench:export [-- --events 1000000 --runs 1 --heap 200 --modes read,csv,ndjson,parquet]` (issue 10): a safe_harbor export of ~1M
// synthetic events (the generator gives ~35 per client, so ~28k clients) in CSV, NDJSON and Parquet, streamed end to end from a dynalite
// store in its own process. Each pass runs in a fresh process (export-run.ts) so its peak RSS is its
// own (Linux VmHWM). Goals: peak RSS ≤ 300 MB, ≤ 60 s, ≤ 1.5× a plain read of the same stored items from the same
// store in the same run. For information: the Parquet writer's rate beside DuckDB writing the same rows.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { batchWriteAll } from '../../functions/store/batch-write.js';
import { putClinic } from '../../functions/store/clinics.js';
import { clientStateItems } from '../../functions/store/client-states.js';
import { eventSchema, type Event } from '../../functions/events/schema.js';
import { streamNetwork } from '../../functions/synthetic/index.js';
import { openTableFile } from '../../functions/export/formats/table-writer.js';
import { localExportStorage } from '../../functions/export/storage/local-storage.js';
import { sessionsTable } from '../../functions/export/safe-harbor/tables.js';
import type { Row } from '../../functions/export/table-spec.js';
import { machine, median, startDynamoProcess, stopChild } from './bench-support.js';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '1' }, heap: { type: 'string' }, modes: { type: 'string', default: 'read,csv,ndjson,parquet' } },
});
// --heap MB caps each pass's V8 old space (--max-old-space-size): V8 otherwise lets the heap grow
// with the allocation rate, so peak RSS says more about GC laziness than about what is held.
const heapFlags = values.heap ? [`--max-old-space-size=${Number(values.heap)}`] : [];
const target = Number(values.events);
const runs = Number(values.runs);
const AS_OF = '2026-11-01T00:00:00.000Z';
// What the synthetic generator produces per client on average (its stories run a year).
const EVENTS_PER_CLIENT = 35;
const TABLE = 'bench-export';

const dir = await mkdtemp(join(tmpdir(), 'bench-export-'));
const { endpoint, child: store } = await startDynamoProcess({ port: 8938, path: join(dir, 'db') });
process.env.TABLE_NAME = TABLE;

function pass(mode: string, out: string): Promise<{ mode: string; ms: number; items: number; events: number; rows: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...heapFlags, '--import', 'tsx', 'test/bench/export-run.ts'], {
      env: { ...process.env, MODE: mode, OUT: out, DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: TABLE, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output.trim().split('\n').at(-1)!)) : reject(new Error(`${mode} exited ${code}`))));
  });
}

try {
  // ---- seed: client states straight into the store (the export reads nothing else) ----
  const db = createDocumentClient(endpoint);
  await ensureTable(db);
  const seedStart = performance.now();
  const network = streamNetwork({ clients: Math.ceil(target / EVENTS_PER_CLIENT), seed: 11, asOf: AS_OF });
  for (const c of network.clinics) await putClinic(db, { clinicId: c.clinicId, timeZone: c.timeZone, researchConsent: true, updatedAt: AS_OF });
  const states = new Map<string, { clinicId: string; clientId: string; events: Event[] }>();
  let seeded = 0;
  for (const input of network.events) {
    if (seeded === target) break;
    const e = eventSchema.parse(input) as Event;
    const key = `${e.clinicId}/${e.clientId}`;
    const state = states.get(key) ?? { clinicId: e.clinicId, clientId: e.clientId, events: [] };
    states.set(key, state);
    state.events.push(e);
    seeded += 1;
  }
  const items = [...states.values()].flatMap((s) => clientStateItems(s.clinicId, s));
  states.clear();
  for (let i = 0; i < items.length; i += 2_000) await batchWriteAll(db, items.slice(i, i + 2_000));
  const stored = items.length;
  items.length = 0;
  db.destroy();
  console.log(`seeded ${seeded.toLocaleString('en')} events as ${stored.toLocaleString('en')} client states in ${network.clinics.length} clinics (${((performance.now() - seedStart) / 1000).toFixed(0)} s)`);
  console.log(`machine: ${await machine()}`);

  // ---- the passes: the read floor, then each format; each repeated `runs` times ----
  const results: Record<string, Awaited<ReturnType<typeof pass>>[]> = {};
  for (let r = 0; r < runs; r++) {
    for (const mode of values.modes.split(',')) {
      const out = join(dir, `${mode}-${r}`);
      const runs = results[mode] ?? [];
      results[mode] = runs;
      runs.push(await pass(mode, out));
    }
  }
  const med = (mode: string, k: 'ms' | 'peakRssMb') => median(results[mode]!.map((x) => x[k]));
  const floor = med('read', 'ms');
  const read = results.read![0]!;
  console.log(`\nplain read: ${read.items.toLocaleString('en')} client states, ${read.events.toLocaleString('en')} events in ${(floor / 1000).toFixed(1)} s, peak RSS ${med('read', 'peakRssMb').toFixed(0)} MB`);
  console.log(`heap cap: ${values.heap ? `${values.heap} MB old space` : 'none (V8 default)'}`);
  console.log('| format | rows written | time | rows/s | events/s | peak RSS (goal ≤ 300 MB) | ≤ 60 s | time ÷ plain read (goal ≤ 1.5) |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const format of ['csv', 'ndjson', 'parquet'].filter((f) => results[f])) {
    const ms = med(format, 'ms');
    const rss = med(format, 'peakRssMb');
    const rows = results[format]![0]!.rows;
    console.log(
      `| ${format} | ${rows.toLocaleString('en')} | ${(ms / 1000).toFixed(1)} s | ${Math.round(rows / (ms / 1000)).toLocaleString('en')} | ${Math.round(read.events / (ms / 1000)).toLocaleString('en')} | ${rss.toFixed(0)} MB ${rss <= 300 ? '✓' : '✗'} | ${ms <= 60_000 ? '✓' : '✗'} | ${(ms / floor).toFixed(2)} ${ms / floor <= 1.5 ? '✓' : '✗'} |`,
    );
  }

  // ---- for information: the Parquet writer beside DuckDB, writing the same rows ----
  if (results.parquet) {
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const parquetDir = join(dir, 'parquet-0');
    const [exportId] = await readdir(parquetDir);
    await duck.run(`CREATE TABLE sessions AS SELECT * FROM read_parquet('${join(parquetDir, exportId!, 'sessions', '*.parquet')}')`);
    const rows = (await duck.runAndReadAll('SELECT * FROM sessions')).getRowObjectsJS() as Row[];
    const storage = localExportStorage(join(dir, 'rate'));
    const ours = performance.now();
    const file = openTableFile(storage, 'sessions.parquet', sessionsTable, 'parquet');
    for (let i = 0; i < rows.length; i += 5_000) await file.write(rows.slice(i, i + 5_000));
    await file.close();
    const oursMs = performance.now() - ours;
    const theirs = performance.now();
    await duck.run(`COPY sessions TO '${join(dir, 'rate', 'duckdb.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 25000)`);
    const theirsMs = performance.now() - theirs;
    duck.closeSync();
    console.log(
      `\nParquet write, ${rows.length.toLocaleString('en')} session rows: hyparquet-writer ${Math.round(rows.length / (oursMs / 1000)).toLocaleString('en')} rows/s, ` +
        `DuckDB COPY ${Math.round(rows.length / (theirsMs / 1000)).toLocaleString('en')} rows/s (ratio ${(oursMs / theirsMs).toFixed(1)}× DuckDB's time)`,
    );
  }
} finally {
  await stopChild(store);
  await rm(dir, { recursive: true, force: true });
}

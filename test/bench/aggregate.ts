// `npm run bench:aggregate [-- --events 1000000 --store-events 200000 --requests 200]`
//  1. the metrics engine against DuckDB on the same 1M synthetic events (figures must match);
//  2. an incremental aggregation run against a full one on a store of 200k events, 1% added;
//  3. p50/p95 read latency of the metrics endpoints over HTTP on the local demo platform.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedDynamoDb } from '../../functions/local/embedded-dynamodb.js';
import { createDocumentClient } from '../../functions/store/client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { batchWriteAll } from '../../functions/store/batch-write.js';
import { eventItem } from '../../functions/store/put-event.js';
import { putClinic } from '../../functions/store/clinics.js';
import { runAggregation } from '../../functions/aggregation/run-aggregation.js';
import { eventSchema, type Event } from '../../functions/events/schema.js';
import { streamNetwork } from '../../functions/synthetic/index.js';
import { machine, median, percentile, startScript, stopChild } from './bench-support.js';
import { runEngineVsDuckdb } from './engine-vs-duckdb.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    'store-events': { type: 'string', default: '200000' },
    requests: { type: 'string', default: '200' },
    parts: { type: 'string', default: '1,2,3' },
  },
});
const parts = new Set(values.parts.split(','));

async function incrementalVsFull(storeEvents: number) {
  const asOf = '2026-11-01T00:00:00.000Z';
  const network = streamNetwork({ clients: Math.ceil(storeEvents / 30), seed: 3, asOf });
  const events: Event[] = [];
  for (const e of network.events) {
    events.push(eventSchema.parse(e) as Event);
    if (events.length === storeEvents) break;
  }
  // The newest 1% by when they happened: the activity a run finds since the previous one.
  const byTime = [...events].sort((x, y) => Date.parse(x.occurredAt) - Date.parse(y.occurredAt));
  const cut = Math.floor(events.length * 0.99);
  const base = byTime.slice(0, cut);
  const added = byTime.slice(cut);

  const dynamo = await startEmbeddedDynamoDb();
  process.env.TABLE_NAME = 'bench-aggregate';
  const db = createDocumentClient(dynamo.endpoint);
  try {
    await ensureTable(db);
    for (const c of network.clinics) await putClinic(db, { clinicId: c.clinicId, timeZone: c.timeZone, researchConsent: true, updatedAt: asOf });
    const t0 = '2026-11-01T10:00:00.000Z';
    const t1 = '2026-11-01T10:05:00.000Z';
    await batchWriteAll(db, base.map((e) => eventItem(e, t0)));
    // Settle and overlap 0: the windows are exactly [epoch, 10:01) and [10:01, 10:06).
    const timed = async (now: string) => {
      const started = performance.now();
      const run = await runAggregation(db, { now: new Date(now), settleMs: 0, overlapMs: 0 });
      if (run.status !== 'completed' || run.clinicsFailed > 0) throw new Error(`run ${run.status}, ${run.clinicsFailed} clinics failed`);
      return { ...run, durationMs: Math.round(performance.now() - started) };
    };
    const full = await timed('2026-11-01T10:01:00.000Z');
    await batchWriteAll(db, added.map((e) => eventItem(e, t1)));
    const incremental = await timed('2026-11-01T10:06:00.000Z');
    const touched = new Set(added.map((e) => `${e.clinicId}/${e.clientId}`)).size;
    const clients = new Set(events.map((e) => `${e.clinicId}/${e.clientId}`)).size;
    return [
      `store: ${events.length.toLocaleString('en')} events, ${clients.toLocaleString('en')} clients; added ${added.length.toLocaleString('en')} events (1%) touching ${touched} clients`,
      `full run:        ${full.itemsRead!.toLocaleString('en')} items read, ${full.itemsWritten!.toLocaleString('en')} written, ${full.durationMs} ms`,
      `incremental run: ${incremental.itemsRead!.toLocaleString('en')} items read, ${incremental.itemsWritten!.toLocaleString('en')} written, ${incremental.durationMs} ms`,
      `ratio incremental/full: items read ${((incremental.itemsRead! / full.itemsRead!) * 100).toFixed(2)}% (goal ≤ 3%), time ${((incremental.durationMs! / full.durationMs!) * 100).toFixed(2)}% (goal ≤ 5%)`,
    ];
  } finally {
    db.destroy();
    await dynamo.close();
  }
}

async function readLatency(requests: number) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-read-'));
  const server = await startScript(
    'functions/local/start.ts',
    { DATA_DIR: dir, PORT: '3927', DYNALITE_PORT: '8927', AGGREGATE_EVERY_SECONDS: '0' },
    /Ctrl-C/,
  );
  try {
    const credentials = JSON.parse(await readFile(join(dir, 'demo-credentials.json'), 'utf8'));
    const base = credentials.baseUrl as string;
    const counselorId = JSON.parse(Buffer.from(credentials.tokens.counselor.split('.')[1], 'base64url').toString()).counselorId;
    const director = { authorization: `Bearer ${credentials.tokens.director}` };
    const endpoints: [string, string, Record<string, string>][] = [
      ['clinic metrics', `${base}/v1/clinics/riverside/metrics`, director],
      ['clinic comparison', `${base}/v1/clinics/riverside/comparison`, director],
      ['network comparison', `${base}/v1/network/comparison`, director],
      ['caseload', `${base}/v1/counselors/${counselorId}/caseload`, { authorization: `Bearer ${credentials.tokens.counselor}` }],
    ];
    const lines: string[] = [];
    for (const [name, url, headers] of endpoints) {
      for (let warm = 0; warm < 10; warm++) await (await fetch(url, { headers })).arrayBuffer();
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        const t = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        times.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`${name} answered ${res.status}`);
      }
      lines.push(`${name.padEnd(19)} p50 ${median(times).toFixed(1)} ms   p95 ${percentile(times, 95).toFixed(1)} ms   (goal p95 ≤ 20 ms)`);
    }
    return lines;
  } finally {
    await stopChild(server);
    await rm(dir, { recursive: true, force: true });
  }
}

console.log(`bench:aggregate — machine: ${await machine()}`);
if (parts.has('1')) {
  console.log('\n1. Engine vs DuckDB');
  const result = await runEngineVsDuckdb({ events: Number(values.events) });
  for (const line of result.lines) console.log(`   ${line}`);
}
if (parts.has('2')) {
  console.log('\n2. Incremental vs full aggregation');
  for (const line of await incrementalVsFull(Number(values['store-events']))) console.log(`   ${line}`);
}
if (parts.has('3')) {
  console.log(`\n3. Read latency over HTTP, local demo data, ${values.requests} sequential requests each`);
  for (const line of await readLatency(Number(values.requests))) console.log(`   ${line}`);
}

// `npm run bench:aggregate [-- --events 1000000 --store-events 200000 --requests 200]`
//  1. the metrics engine against DuckDB on the same 1M synthetic events (figures must match);
//  2. an incremental aggregation run against a full one on a store of 200k events, 1% added: time,
//     items and bytes read;
//  3. p50/p95 read latency of the metrics endpoints over HTTP on the local demo platform;
//  4. the same clients and new events over 6, 48, 192 and 384 clinics: the incremental run's time;
//  5. heap: the largest clinic (40,000 clients) aggregated in a process of 900 MB of old space
//     (test/bench/largest-clinic.ts, in a child process).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { machine, median, percentile, startScript, stopChild } from './bench-support.js';
import { runEngineVsDuckdb } from './engine-vs-duckdb.js';
import { clinicScaling, incrementalVsFull } from './aggregation-scaling.js';
import { largestClinicHeap } from './largest-clinic-heap.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    'store-events': { type: 'string', default: '200000' },
    requests: { type: 'string', default: '200' },
    parts: { type: 'string', default: '1,2,3,4,5' },
    'scaling-clients': { type: 'string', default: '600' },
    'scaling-events': { type: 'string', default: '200' },
    'largest-clients': { type: 'string', default: '40000' },
  },
});
const parts = new Set(values.parts.split(','));

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
if (parts.has('4')) {
  const clients = Number(values['scaling-clients']);
  console.log(`\n4. The same ${clients} clients and ${values['scaling-events']} new events over more clinics`);
  for (const line of await clinicScaling([6, 48, 192, 384], clients, Number(values['scaling-events']))) console.log(`   ${line}`);
}
if (parts.has('5')) {
  console.log(`\n5. Heap: the largest clinic (${Number(values['largest-clients']).toLocaleString('en')} clients), --max-old-space-size=900`);
  for (const line of await largestClinicHeap(Number(values['largest-clients']))) console.log(`   ${line}`);
}
if (parts.has('3')) {
  console.log(`\n3. Read latency over HTTP, local demo data, ${values.requests} sequential requests each`);
  for (const line of await readLatency(Number(values.requests))) console.log(`   ${line}`);
}

// `npm run bench:fhir [-- --clients 200 --runs 3]`
// What FHIR costs over native ingest: the documented example Bundles' resources (19 per client,
// renumbered per client) go through POST /fhir/r4 as 100-entry transaction Bundles; the same
// facts, mapped once beforehand, go through POST /v1/events in batches of 100. Both in-process
// against the real app on in-memory dynalite, interleaved run by run, always into fresh ids.
// Also times the pure mapping (functions/fhir/) alone.
import { parseArgs } from 'node:util';
import type { BundleEntry, FhirResource } from 'fhir/r4';
import { fullUrlResolver, mapBundle, type IngestBundle } from '../../functions/fhir/bundle.js';
import type { Event } from '../../functions/events/schema.js';
import { CLINIC_A, startTestPlatform } from '../support/test-platform.js';
import { exampleBundle, renumbered } from '../fhir/fhir-requests.js';
import { machine, median } from './bench-support.js';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '200' }, runs: { type: 'string', default: '3' } } });
const CLIENTS = Number(values.clients);
const RUNS = Number(values.runs);
const BATCH = 100;

const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / BATCH) }, (_, i) => xs.slice(i * BATCH, (i + 1) * BATCH));

/** Transaction Bundles of up to 100 resources for CLIENTS renumbered clients. */
function bundles(tag: string): IngestBundle[] {
  const entries: BundleEntry<FhirResource>[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    for (const name of ['intake-transaction', 'follow-up-batch'] as const) entries.push(...renumbered(exampleBundle(name), `${tag}${c}`).entry!);
  }
  return chunks(entries).map((entry) => ({ resourceType: 'Bundle', type: 'transaction', entry }) as IngestBundle);
}

const context = (bundle: IngestBundle) => ({ clinicId: CLINIC_A, timeZone: 'America/New_York', resolveFullUrl: fullUrlResolver(bundle), now: new Date() });

const p = await startTestPlatform();
const key = p.ingestKeys[CLINIC_A]!;
const post = async (path: string, contentType: string, body: unknown) => {
  const res = await p.app.request(path, { method: 'POST', headers: { 'content-type': contentType, 'x-api-key': key }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
};

const perSecond = { fhir: [] as number[], native: [] as number[], mapping: [] as number[] };
let resources = 0;
for (let run = 0; run < RUNS; run++) {
  const fhir = bundles(`f${run}-`);
  resources = fhir.reduce((n, b) => n + b.entry.length, 0);
  // The native side's events: the same facts under other ids, mapped before the clock starts.
  const native: Event[] = bundles(`n${run}-`).flatMap((b) => mapBundle(b, context(b)).flatMap((m) => (m.ok && m.event ? [m.event] : [])));
  if (native.length !== resources) throw new Error(`mapped ${native.length} events from ${resources} resources`);

  let started = performance.now();
  for (const b of fhir) mapBundle(b, context(b));
  perSecond.mapping.push(resources / ((performance.now() - started) / 1000));

  started = performance.now();
  for (const b of fhir) await post('/fhir/r4', 'application/fhir+json', b);
  perSecond.fhir.push(resources / ((performance.now() - started) / 1000));

  started = performance.now();
  for (const events of chunks(native)) await post('/v1/events', 'application/json', { events });
  perSecond.native.push(native.length / ((performance.now() - started) / 1000));
}
p.close();

const fmt = (xs: number[]) => `${Math.round(median(xs)).toLocaleString('en')}/s (runs: ${xs.map((x) => Math.round(x)).join(', ')})`;
console.log(`machine: ${await machine()}`);
console.log(`${resources} resources per run (${CLIENTS} clients × 19), ${RUNS} runs, medians`);
console.log(`  mapping only (functions/fhir/)         ${fmt(perSecond.mapping)}`);
console.log(`  POST /fhir/r4, transactions of 100     ${fmt(perSecond.fhir)}`);
console.log(`  POST /v1/events, batches of 100 (base) ${fmt(perSecond.native)}`);
console.log(`  FHIR / native throughput               ${(median(perSecond.fhir) / median(perSecond.native)).toFixed(2)}`);

// `npm run bench:ingest [-- --events 100000 --runs 3]`
// Loads synthetic events through POST /v1/events over real HTTP into the local server, then writes
// the same events straight into a fresh dynalite: with BatchWriteItem (the floor the issue names)
// and with the conditional PutItem the API must use for idempotency (the floor for correct ingest).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BatchWriteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { streamNetwork } from '../../functions/synthetic/index.js';
import { eventSchema, ingestBodySchema, type Event, type EventInput } from '../../functions/events/schema.js';
import { pushEvents } from '../../functions/cli/push-events.js';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { eventItem } from '../../functions/store/put-event.js';
import { tableName } from '../../functions/store/table.js';
import { signLocalToken, createTokenVerifier, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/api/auth/token-verifier.js';
import { createApp } from '../../functions/api/app.js';
import { findIngestKey, hashIngestKey } from '../../functions/store/ingest-keys.js';
import { canAccessClinic } from '../../functions/api/auth/permissions.js';
import { machine, median, startDynamoProcess, startScript, stopChild } from './bench-support.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '100000' }, runs: { type: 'string', default: '1' } } });
const EVENTS = Number(values.events);
const RUNS = Number(values.runs);
const SECRET = 'bench-secret-bench-secret-bench-secret!';
const CONCURRENCY = 4;

function syntheticEvents(): EventInput[] {
  const out: EventInput[] = [];
  // ~33 events per client in the demo network; ask for enough clients, keep the first EVENTS.
  for (const e of streamNetwork({ clients: Math.ceil(EVENTS / 25), seed: 7, asOf: '2026-11-01T00:00:00.000Z' }).events) {
    out.push(e);
    if (out.length === EVENTS) break;
  }
  if (out.length < EVENTS) throw new Error(`generator produced only ${out.length} events`);
  return out;
}

async function throughApi(events: EventInput[], clinics: string[]): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-api-'));
  const server = await startScript('functions/local/start.ts', { DATA_DIR: dir, PORT: '3917', DYNALITE_PORT: '8917', DEMO_DATA: 'off', JWT_SECRET: SECRET, AGGREGATE_EVERY_SECONDS: '0' }, /Ctrl-C/);
  try {
    const baseUrl = 'http://127.0.0.1:3917';
    const admin = await signLocalToken(new TextEncoder().encode(SECRET), { sub: 'bench', role: 'admin' });
    const keys = new Map<string, string>();
    for (const clinicId of clinics) {
      const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
      await fetch(`${baseUrl}/v1/admin/clinics/${clinicId}`, { method: 'PUT', headers, body: '{"timeZone":"UTC","researchConsent":false}' });
      const key = await (await fetch(`${baseUrl}/v1/admin/clinics/${clinicId}/ingest-keys`, { method: 'POST', headers })).json();
      keys.set(clinicId, key.secret);
    }
    const started = performance.now();
    const progress = await pushEvents(events, { baseUrl, keyForClinic: (c) => keys.get(c), concurrency: CONCURRENCY });
    const seconds = (performance.now() - started) / 1000;
    if (progress.stored !== events.length) throw new Error(`API stored ${progress.stored} of ${events.length}`);
    return events.length / seconds;
  } finally {
    await stopChild(server);
    await rm(dir, { recursive: true, force: true });
  }
}

type Writer = (db: DynamoDBDocumentClient, items: Record<string, unknown>[]) => Promise<number>;

/** Batches of 100, CONCURRENCY in flight, as the API sees them; returns write units reported. */
async function straightToDynalite(items: Record<string, unknown>[], write: Writer): Promise<{ perSecond: number; units: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-floor-'));
  const store = await startDynamoProcess({ port: 8918, path: dir });
  const db = createDocumentClient(store.endpoint);
  try {
    await ensureTable(db);
    let units = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < items.length) {
          const batch = items.slice(next, next + 100);
          next += 100;
          const written = await write(db, batch);
          units += written;
        }
      }),
    );
    return { perSecond: items.length / ((performance.now() - started) / 1000), units };
  } finally {
    db.destroy();
    await stopChild(store.child);
    await rm(dir, { recursive: true, force: true });
  }
}

const batchWrite: Writer = async (db, batch) => {
  let units = 0;
  for (let i = 0; i < batch.length; i += 25) {
    let requests = batch.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const r = await db.send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests }, ReturnConsumedCapacity: 'INDEXES' }));
      units += r.ConsumedCapacity?.reduce((s, c) => s + (c.CapacityUnits ?? 0), 0) ?? 0;
      requests = (r.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
    }
  }
  return units;
};

const conditionalPuts: Writer = async (db, batch) => {
  const results = await Promise.all(
    batch.map((Item) => db.send(new PutCommand({ TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)', ReturnConsumedCapacity: 'INDEXES' }))),
  );
  return results.reduce((s, r) => s + (r.ConsumedCapacity?.CapacityUnits ?? 0), 0);
};

/**
 * In-process costs per event, the store answering instantly: a bare object, not a mocking
 * library, whose own bookkeeping would be measured instead. `pipeline` is the whole request
 * (routing, body parsing, validation, auth, building the items and issuing the writes).
 */
async function inProcessCost(events: EventInput[]) {
  const key = 'ok_bench';
  const clinicId = events[0]!.clinicId;
  const keyItem = { Item: { keyId: 'k', clinicId, createdAt: '' } };
  const db = {
    send: async (command: unknown) =>
      command instanceof GetCommand && command.input.Key?.pk === `APIKEY#${hashIngestKey(key)}` ? keyItem : {},
  } as unknown as DynamoDBDocumentClient;
  const verifyToken = createTokenVerifier({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, secret: new TextEncoder().encode(SECRET) });
  const app = createApp({ db, verifyToken, now: () => new Date(), startAggregation: () => Promise.reject(new Error('not measured here')) });
  const sameClinic = events.filter((e) => e.clinicId === clinicId);
  const bodies: string[] = [];
  for (let i = 0; i + 100 <= sameClinic.length && bodies.length < 200; i += 100) bodies.push(JSON.stringify({ events: sameClinic.slice(i, i + 100) }));
  const batches = bodies.map((b) => (ingestBodySchema.parse(JSON.parse(b)) as { events: Event[] }).events);
  const perEvent = async (fn: (body: string, i: number) => unknown) => {
    for (let warm = 0; warm < 3; warm++) for (const [i, b] of bodies.entries()) await fn(b, i);
    const samples: number[] = [];
    for (let round = 0; round < 7; round++) {
      const t = performance.now();
      for (const [i, b] of bodies.entries()) await fn(b, i);
      samples.push(((performance.now() - t) * 1000) / (bodies.length * 100));
    }
    return median(samples);
  };
  const validationUs = await perEvent((b) => ingestBodySchema.parse(JSON.parse(b)));
  const authUs = await perEvent(async (_b, i) => {
    const found = await findIngestKey(db, key);
    const principal = { kind: 'ingest' as const, keyId: found!.keyId, clinicId: found!.clinicId };
    return batches[i]!.every((e) => canAccessClinic(principal, e.clinicId));
  });
  const pipelineUs = await perEvent(async (b) => {
    const r = await app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: b });
    if (r.status !== 200) throw new Error(`status ${r.status}`);
  });
  return { validationUs, authUs, pipelineUs };
}

const events = syntheticEvents();
const clinics = [...new Set(events.map((e) => e.clinicId))];
const items = events.map((e) => eventItem(eventSchema.parse(e) as Event, new Date().toISOString()));
console.log(`bench:ingest — ${events.length.toLocaleString('en')} events, ${clinics.length} clinics, batches of 100, ${CONCURRENCY} in flight, ${RUNS} run(s)`);
console.log(`machine: ${await machine()}`);

const api: number[] = [];
const floor: number[] = [];
const conditional: number[] = [];
let batchUnits = 0;
let putUnits = 0;
for (let run = 1; run <= RUNS; run++) {
  api.push(await throughApi(events, clinics));
  const b = await straightToDynalite(items, batchWrite);
  floor.push(b.perSecond);
  batchUnits = b.units;
  const c = await straightToDynalite(items, conditionalPuts);
  conditional.push(c.perSecond);
  putUnits = c.units;
  console.log(`run ${run}: API ${api.at(-1)!.toFixed(0)}/s · BatchWriteItem ${floor.at(-1)!.toFixed(0)}/s · conditional PutItem ${conditional.at(-1)!.toFixed(0)}/s`);
}
const cost = await inProcessCost(events);
const maxItemBytes = Math.max(...items.map((i) => Buffer.byteLength(JSON.stringify(i))));

console.log(`
median events/s   API over HTTP: ${median(api).toFixed(0)}
                  floor, BatchWriteItem straight to dynalite: ${median(floor).toFixed(0)}
                  floor, conditional PutItem straight to dynalite: ${median(conditional).toFixed(0)}
ratio             API / BatchWriteItem floor: ${(median(api) / median(floor)).toFixed(2)}   (goal ≥ 0.8)
                  API / conditional-put floor: ${(median(api) / median(conditional)).toFixed(2)}
write units       table units reported per stored event: BatchWriteItem ${(batchUnits / events.length).toFixed(2)}, PutItem ${(putUnits / events.length).toFixed(2)}
                  (dynalite reports the base table only; on DynamoDB each of the 2 GSIs adds one write of the same item)
                  largest event item as JSON: ${maxItemBytes} bytes (< 1 KB, so every write is 1 unit)
in-process µs     validation + auth per event: ${(cost.validationUs + cost.authUs).toFixed(1)} µs   (goal ≤ 20 µs)
                  (validation ${cost.validationUs.toFixed(1)}, auth ${cost.authUs.toFixed(1)}; whole request without the database ${cost.pipelineUs.toFixed(1)})
`);

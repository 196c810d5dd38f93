// The whole platform on one machine: embedded DynamoDB, the same Hono app as in Lambda, the demo
// data set, and the aggregation on a timer.
import { mkdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { createApp } from '../api/app.js';
import { createTokenVerifier, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../api/auth/token-verifier.js';
import { createDocumentClient } from '../store/dynamodb-client.js';
import { ensureTable } from '../store/ensure-table.js';
import { DYNAMO_CREDENTIAL_FILE, loadOrCreateDynamoCredential, publicEndpoint, startEmbeddedDynamoDb, type EmbeddedDynamoDb } from './embedded-dynamodb.js';
import type { LocalConfig } from './local-config.js';
import { serveApp } from './serve-app.js';
import { loadOrCreateJwtSecret } from './jwt-secret.js';
import { seedDemo } from './demo-seed.js';
import { readDemoSeedState, type DemoSeedOptions } from '../store/demo-seed-state.js';
import { demoPeople, demoTokens, ingestKeyFor, type DemoPerson, readDemoCredentials, writeDemoCredentials, type DemoCredentials } from './demo-credentials.js';
import { streamNetwork } from '../synthetic/index.js';
import { aggregationOptionsFromEnv, createAggregationRunner } from '../aggregation/aggregation-runner.js';
import { dashboardRoutes, loadDashboard } from './dashboard-files.js';
import { localSignInRoutes } from './local-sign-in.js';
import { Hono } from 'hono';
import { localExportHost } from '../export/local-export-host.js';
import type { AggregationRun } from '../store/aggregation-runs.js';

export interface LocalPlatform {
  baseUrl: string;
  dynamoEndpoint: string;
  credentials?: DemoCredentials;
  credentialsFile?: string;
  close(): Promise<void>;
}

type Log = (line: string) => void;

const startOfTodayUtc = () => `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;

export async function startLocalPlatform(config: LocalConfig, log: Log = console.log): Promise<LocalPlatform> {
  if (!config.inMemory) await mkdir(config.DATA_DIR, { recursive: true });
  let embedded: EmbeddedDynamoDb | undefined;
  let endpoint = config.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    embedded = await startEmbeddedDynamoDb({
      path: config.inMemory ? undefined : join(config.DATA_DIR, 'dynamodb'),
      port: config.DYNALITE_PORT,
      credential: config.inMemory ? undefined : await loadOrCreateDynamoCredential(join(config.DATA_DIR, DYNAMO_CREDENTIAL_FILE)),
    });
    endpoint = embedded.endpoint;
  }
  const db = createDocumentClient(endpoint);
  if ((await ensureTable(db)) === 'created') log(`Created table ${process.env.TABLE_NAME ?? 'outcomes'} at ${publicEndpoint(endpoint)}`);

  const secret = config.inMemory && !config.JWT_SECRET ? randomBytes(32) : await loadOrCreateJwtSecret(config.DATA_DIR, config.JWT_SECRET);
  const now = () => new Date();
  const verifyToken = createTokenVerifier({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, secret }, now);
  const aggregation = createAggregationRunner(db, aggregationOptionsFromEnv());
  // Research exports run in-process, one clinic's worker after another, into DATA_DIR/exports/.
  const exportHost = localExportHost(db, join(config.DATA_DIR, 'exports'), now);
  const app = createApp({ db, verifyToken, now, startAggregation: () => aggregation.start(), exports: exportHost });
  const dashboard = await loadDashboard(log);
  // The demo people are known once the demo data is; until then the sign-in page lists none. The
  // one-click sign-in hands out tokens to whoever asks, so it is offered only while the server
  // listens on loopback: with HOST=0.0.0.0 anyone on the network could sign in as the demo admin.
  const people: DemoPerson[] = [];
  const offerDemoSignIn = isLoopback(config.HOST);
  if (!offerDemoSignIn) log(`The demo sign-in page is off: HOST=${config.HOST} is reachable from other machines. Sign in with a token (npm run token).`);
  // The local server is the Lambda app plus the dashboard's files and the local-only sign-in.
  const site = new Hono()
    .route('/', dashboardRoutes(dashboard))
    .route('/', localSignInRoutes(secret, people))
    .all('*', (c) => app.fetch(c.req.raw));

  const server: ServerType = await serveApp(site.fetch, { port: config.PORT, hostname: config.HOST });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;

  let credentials: DemoCredentials | undefined;
  let credentialsFile: string | undefined;
  if (config.DEMO_DATA === 'on') {
    credentialsFile = config.inMemory ? undefined : join(config.DATA_DIR, 'demo-credentials.json');
    const remembered = credentialsFile ? ((await readDemoCredentials(credentialsFile))?.ingestKeys ?? {}) : {};
    const state = await readDemoSeedState(db);
    const options: DemoSeedOptions = state ?? { clients: config.DEMO_CLIENTS, seed: config.DEMO_SEED, asOf: startOfTodayUtc() };
    const ingestKeys: Record<string, string> = {};
    // One key per clinic per start: the seed and the credentials below share it.
    const keyFor = async (clinicId: string) => (ingestKeys[clinicId] ??= await ingestKeyFor(db, remembered, clinicId, now()));
    if (state?.status !== 'complete') {
      log(`${state ? 'Resuming' : 'Generating'} the demo data set: ${options.clients} clients, seed ${options.seed}, the year to ${options.asOf.slice(0, 10)}…`);
      const started = performance.now();
      const result = await seedDemo(db, app, options, keyFor, (n) => {
        if (n % 5_000 < 100) log(`  … ${n.toLocaleString('en')} events ingested`);
      });
      const seconds = (performance.now() - started) / 1000;
      log(`Demo data ingested: ${result.stored.toLocaleString('en')} events stored, ${result.duplicates} already there, in ${seconds.toFixed(1)} s.`);
    }
    const { clinics, counselors } = streamNetwork(options);
    for (const clinic of clinics) await keyFor(clinic.clinicId);
    const firstCounselor = counselors.find((c) => c.clinicId === clinics[0]!.clinicId)!;
    const demo = demoPeople(clinics, firstCounselor.counselorId);
    if (offerDemoSignIn) people.push(...demo);
    credentials = { baseUrl, tokens: await demoTokens(secret, demo), ingestKeys };
    if (credentialsFile) await writeDemoCredentials(credentialsFile, credentials);
  }

  const describe = (r: AggregationRun) =>
    `Aggregation ${r.status}: ${r.clinicsRun} of ${r.clinics} clinics with work brought up to date` +
    `${r.clinicsFailed ? ` (${r.clinicsFailed} failed, retried next run)` : ''}, ${r.eventsRead} events read, ${r.clientsDerived} clients re-derived; figures as of ${r.asOf}.`;
  const aggregateNow = (options: { settleMs?: number } = {}) =>
    aggregation.run(options).then(
      (r) => log(describe(r)),
      (error: Error) => log(`Aggregation failed, the next run will retry: ${error.message}`),
    );
  // Right after the demo seed nothing is in flight, so everything ingested counts at once.
  log('Aggregating…');
  await aggregateNow({ settleMs: 0 });
  const timer =
    config.AGGREGATE_EVERY_SECONDS > 0
      ? setInterval(() => {
          if (!aggregation.busy) void aggregateNow();
        }, config.AGGREGATE_EVERY_SECONDS * 1000)
      : undefined;

  return {
    baseUrl,
    dynamoEndpoint: endpoint,
    credentials,
    credentialsFile,
    async close() {
      clearInterval(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await aggregation.idle();
      await exportHost.idle();
      db.destroy();
      await embedded?.close();
    },
  };
}

/** Whether only this machine can reach a server listening on `host`. */
export const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

// The real local server over real HTTP, as `npm start` runs it.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/local-platform.js';
import { localConfigFromEnv } from '../../functions/local/local-config.js';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { tableName } from '../../functions/store/table.js';

const quiet = () => {};
const started: LocalPlatform[] = [];
let dataDir: string | undefined;
afterAll(async () => {
  for (const p of started) await p.close().catch(() => {});
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const platform = await startLocalPlatform(
    localConfigFromEnv({ PORT: '0', DYNALITE_PORT: '0', DEMO_CLIENTS: '25', AGGREGATE_EVERY_SECONDS: '0', ...env }),
    quiet,
  );
  started.push(platform);
  return platform;
}

async function countEvents(endpoint: string) {
  const db = createDocumentClient(endpoint);
  const { Count } = await db.send(
    new ScanCommand({ TableName: tableName(), Select: 'COUNT', FilterExpression: 'begins_with(pk, :e)', ExpressionAttributeValues: { ':e': 'EVENT#' } }),
  );
  db.destroy();
  return Count!;
}

describe('local platform over HTTP', () => {
  it('serves health, OpenAPI, docs and ingest with demo credentials, and keeps everything across a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'outcomes-'));
    process.env.TABLE_NAME = 'outcomes';
    const first = await start({ DATA_DIR: dataDir });

    const health = await fetch(`${first.baseUrl}/v1/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).status).toBe('ok');

    const openapi = await (await fetch(`${first.baseUrl}/openapi.json`)).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/v1/events');
    expect(openapi.components.schemas.GoalSet.properties.mode.enum).toEqual(['collaborative', 'directive']);
    const docs = await fetch(`${first.baseUrl}/docs`);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(await docs.text()).toContain('/v1/events');

    const file = JSON.parse(await readFile(join(dataDir, 'demo-credentials.json'), 'utf8'));
    expect(file.baseUrl).toBe(first.baseUrl);
    expect(Object.keys(file.tokens).sort()).toEqual(['admin', 'counselor', 'director', 'researcher']);
    expect(Object.keys(file.ingestKeys).length).toBeGreaterThanOrEqual(3);

    const [clinicId, key] = Object.entries(file.ingestKeys as Record<string, string>)[0]!;
    const event = { id: 'http-1', type: 'client.discharged', clinicId, clientId: 'c-http', counselorId: 'co-http', occurredAt: '2026-01-01T00:00:00Z', reason: 'completed' };
    const post = await fetch(`${first.baseUrl}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ events: [event] }) });
    expect(await post.json()).toEqual({ stored: ['http-1'], duplicates: [] });
    const clinics = await fetch(`${first.baseUrl}/v1/admin/clinics`, { headers: { authorization: `Bearer ${file.tokens.admin}` } });
    expect((await clinics.json()).clinics.map((c: { clinicId: string }) => c.clinicId)).toContain(clinicId);

    const stored = await countEvents(first.dynamoEndpoint);
    expect(stored).toBeGreaterThan(25 * 5);
    await first.close();
    started.pop();

    const second = await start({ DATA_DIR: dataDir });
    expect(await countEvents(second.dynamoEndpoint)).toBe(stored);
    const again = JSON.parse(await readFile(join(dataDir, 'demo-credentials.json'), 'utf8'));
    expect(again.ingestKeys).toEqual(file.ingestKeys);
    const repost = await fetch(`${second.baseUrl}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(event) });
    expect(await repost.json()).toEqual({ stored: [], duplicates: ['http-1'] });
  }, 120_000);
});

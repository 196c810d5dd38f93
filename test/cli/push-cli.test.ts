import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateNetwork } from '../../functions/synthetic/index.js';
import { problem, startFakeIngestApi, type FakeIngestApi } from './fake-ingest-api.js';
import { runCli } from './run-cli.js';

const network = generateNetwork({ clients: 30, seed: 3, asOf: '2025-06-30T00:00:00Z' });
const ingestKeys = Object.fromEntries(network.clinics.map((c) => [c.clinicId, `key-${c.clinicId}`]));

let dir: string;
let eventsFile: string;
let api: FakeIngestApi | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'push-cli-'));
  eventsFile = join(dir, 'events.ndjson');
  await writeFile(eventsFile, `${network.events.map((e) => JSON.stringify(e)).join('\n')}\n`);
});
afterEach(async () => {
  await api?.close();
  api = undefined;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function credentialsFor(baseUrl: string): Promise<string> {
  const path = join(dir, 'credentials.json');
  const tokens = { admin: 'a', director: 'd', counselor: 'c', researcher: 'r' };
  await writeFile(path, JSON.stringify({ baseUrl, tokens, ingestKeys }));
  return path;
}

describe('push CLI', () => {
  it('pushes a file with each clinic’s key from a credentials file', async () => {
    api = await startFakeIngestApi();
    const result = await runCli('functions/cli/push.ts', ['--file', eventsFile, '--credentials', await credentialsFor(api.baseUrl), '--batch', '50']);
    expect(result.stderr).toMatch(new RegExp(`done in .*sent ${network.events.length}, stored ${network.events.length}, duplicates 0`));
    expect(result.code).toBe(0);
    for (const batch of api.received) {
      expect(batch.events.length).toBeLessThanOrEqual(50);
      expect(batch.key).toBe(ingestKeys[batch.events[0]!.clinicId]);
      expect(batch.events.every((e) => e.clinicId === batch.events[0]!.clinicId)).toBe(true);
    }
    expect(api.received.reduce((n, b) => n + b.events.length, 0)).toBe(network.events.length);
  }, 20_000);

  it('reports a 400 with the problem detail and the offending event, and exits non-zero', async () => {
    const errors = [{ index: 2, path: ['items', 0], message: 'SRS item must be from 0 to 10 with at most one decimal' }];
    api = await startFakeIngestApi(() => ({ status: 400, body: problem(400, 'Bad Request', { detail: 'the batch has 1 invalid event', errors }) }));
    const result = await runCli('functions/cli/push.ts', ['--file', eventsFile, '--base-url', api.baseUrl, '--key', 'k', '--concurrency', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/push failed/);
    expect(result.stderr).toMatch(/the batch has 1 invalid event/);
    const offending = api.received[0]!.events[2]!.id;
    expect(result.stderr).toContain(`event ${offending} (#2) items.0: SRS item must be`);
    expect(api.received).toHaveLength(1);
  }, 20_000);

  it.each([
    [['--key', 'k'], /--file is required/],
    [['--file', 'x', '--base-url', 'http://h'], /exactly one of --key and --credentials/],
    [['--file', 'x', '--key', 'k', '--credentials', 'c.json', '--base-url', 'http://h'], /exactly one of --key and --credentials/],
    [['--file', 'x', '--key', 'k'], /--base-url is required/],
    [['--file', 'x', '--key', 'k', '--base-url', 'http://h', '--batch', '101'], /--batch must be an integer from 1 to 100/],
  ])('refuses %j with a usage message', async (args, message) => {
    const result = await runCli('functions/cli/push.ts', args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  }, 20_000);
});

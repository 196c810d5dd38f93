// `push --fhir`: an NDJSON file of FHIR resources into the real app behind a real HTTP server, as
// transaction Bundles, with the native path's progress, retries and failure report.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_A, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { countStoredEvents, exampleBundle, renumbered } from '../fhir/fhir-requests.js';
import { runCli } from './run-cli.js';

let p: TestPlatform;
let server: ServerType;
let baseUrl: string;
let dir: string;
/** Requests the server will answer 503 before handing them to the app. */
let unavailable = 0;

beforeAll(async () => {
  p = await startTestPlatform();
  await new Promise<void>((resolve) => {
    server = serve({ fetch: (request) => (unavailable-- > 0 ? new Response('busy', { status: 503, headers: { 'retry-after': '0' } }) : p.app.fetch(request)), port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'push-fhir-'));
});
afterAll(async () => {
  server.close();
  p.close();
  await rm(dir, { recursive: true, force: true });
});

/** The example Bundles' resources as NDJSON, renumbered so each test has its own records. */
async function ndjson(suffix: string, edit: (lines: Record<string, unknown>[]) => void = () => {}) {
  const resources = (['intake-transaction', 'follow-up-batch'] as const).flatMap((name) => renumbered(exampleBundle(name), suffix).entry!.map((e) => e.resource as unknown as Record<string, unknown>));
  edit(resources);
  const path = join(dir, `${suffix}.ndjson`);
  await writeFile(path, `${resources.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return { path, count: resources.length };
}

describe('push --fhir', () => {
  it('pushes resources in transaction Bundles, retrying a 503, and reports duplicates on a second run', async () => {
    const { path, count } = await ndjson('cli1');
    const before = await countStoredEvents(p.db);
    unavailable = 1;
    const first = await runCli('functions/cli/push.ts', ['--fhir', path, '--key', p.ingestKeys[CLINIC_A]!, '--base-url', baseUrl, '--batch', '8']);
    expect(first.stderr).toMatch(/retrying a the-key-clinic batch in 0 ms \(attempt 1: 503/);
    expect(first.stderr).toMatch(new RegExp(`done in .*sent ${count}, stored ${count}, duplicates 0, retries 1, .* ${Math.ceil(count / 8)} batches`));
    expect(first.code).toBe(0);
    expect(await countStoredEvents(p.db)).toBe(before + count);

    const again = await runCli('functions/cli/push.ts', ['--fhir', path, '--key', p.ingestKeys[CLINIC_A]!, '--base-url', baseUrl]);
    expect(again.stderr).toMatch(new RegExp(`sent ${count}, stored 0, duplicates ${count}`));
    expect(await countStoredEvents(p.db)).toBe(before + count);
  }, 60_000);

  it('stops at a refused transaction and names the resource and element', async () => {
    const { path } = await ndjson('cli2', (resources) => {
      (resources[2] as { status: string }).status = 'finished-ish';
    });
    const before = await countStoredEvents(p.db);
    const result = await runCli('functions/cli/push.ts', ['--fhir', path, '--key', p.ingestKeys[CLINIC_A]!, '--base-url', baseUrl, '--concurrency', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/push failed: .*400/);
    expect(result.stderr).toContain('event Encounter/enc-2-cli2 (#2) resource.status:');
    expect(await countStoredEvents(p.db)).toBe(before);
  }, 60_000);

  it('refuses --file with --fhir, and a resource naming no clinic with --credentials', async () => {
    const both = await runCli('functions/cli/push.ts', ['--file', 'a', '--fhir', 'b', '--key', 'k', '--base-url', baseUrl]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --file and --fhir/);
    const { path } = await ndjson('cli3');
    const credentials = join(dir, 'credentials.json');
    await writeFile(credentials, JSON.stringify({ baseUrl, ingestKeys: { [CLINIC_A]: p.ingestKeys[CLINIC_A] } }));
    const noClinic = await runCli('functions/cli/push.ts', ['--fhir', path, '--credentials', credentials]);
    expect(noClinic.code).toBe(1);
    expect(noClinic.stderr).toMatch(/:1: names no clinic .*give --clinic/);
    const withClinic = await runCli('functions/cli/push.ts', ['--fhir', path, '--credentials', credentials, '--clinic', CLINIC_A]);
    expect(withClinic.code).toBe(0);
  }, 60_000);
});

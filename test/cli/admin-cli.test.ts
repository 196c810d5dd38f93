// A real, non-demo local deployment, run by its commands: the first admin token from
// `npm run token`, a clinic and key from `create-key`, then `keys list` and `keys revoke`, all
// against a running platform whose database serves only holders of its credential.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/local-platform.js';
import { localConfigFromEnv } from '../../functions/local/local-config.js';
import { publicEndpoint } from '../../functions/local/embedded-dynamodb.js';
import { runCli } from './run-cli.js';

let dir: string;
let platform: LocalPlatform;
let env: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'admin-cli-'));
  process.env.TABLE_NAME = 'outcomes';
  platform = await startLocalPlatform(
    localConfigFromEnv({ PORT: '0', DYNALITE_PORT: '0', DEMO_DATA: 'off', AGGREGATE_EVERY_SECONDS: '0', DATA_DIR: dir }),
    () => {},
  );
  env = { DATA_DIR: dir, DYNAMODB_ENDPOINT: publicEndpoint(platform.dynamoEndpoint), TABLE_NAME: 'outcomes' };
}, 60_000);
afterAll(async () => {
  await platform.close();
  await rm(dir, { recursive: true, force: true });
});

const api = (path: string, init: RequestInit = {}) => fetch(`${platform.baseUrl}${path}`, init);

describe('a non-demo local deployment, run by its commands', () => {
  it('signs an admin in, creates a clinic and key (audited), lists and revokes the key', async () => {
    expect(platform.credentials).toBeUndefined();
    const token = await runCli('functions/cli/token.ts', ['--role', 'admin', '--subject', 'first-admin'], env);
    expect(token.code).toBe(0);
    const admin = { authorization: `Bearer ${token.stdout.trim()}` };
    expect((await api('/v1/admin/clinics', { headers: admin })).status).toBe(200);

    const created = await runCli('functions/cli/create-key.ts', ['--clinic', 'northside', '--time-zone', 'Europe/Berlin'], env);
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    const event = { id: 'cli-1', type: 'client.discharged', clinicId: 'northside', clientId: 'c-1', counselorId: 'co-1', occurredAt: '2026-01-01T00:00:00Z', reason: 'completed' };
    const post = (id: string) =>
      api('/v1/events', { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': secret }, body: JSON.stringify({ ...event, id }) });
    expect((await post('cli-1')).status).toBe(200);

    const listed = await runCli('functions/cli/keys.ts', ['list', '--clinic', 'northside'], env);
    expect(listed.code).toBe(0);
    const keyId = listed.stdout.split(/\s+/)[0]!;
    expect(listed.stdout).toContain('active');
    const viaApi = await (await api('/v1/admin/clinics/northside/ingest-keys', { headers: admin })).json();
    expect(viaApi.keys.map((k: { keyId: string }) => k.keyId)).toEqual([keyId]);

    const revoked = await runCli('functions/cli/keys.ts', ['revoke', '--clinic', 'northside', '--key', keyId], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await post('cli-2')).status).toBe(401);

    const day = new Date().toISOString().slice(0, 10);
    const audit = await (await api(`/v1/admin/audit?day=${day}`, { headers: admin })).json();
    expect(audit.entries.filter((e: { subject?: { keyId?: string } }) => e.subject?.keyId === keyId)).toEqual([
      expect.objectContaining({ action: 'ingest-key.create', actor: `cli:${userInfo().username}`, role: 'admin', scope: ['northside'], purpose: 'operations' }),
      expect.objectContaining({ action: 'ingest-key.revoke', actor: `cli:${userInfo().username}` }),
    ]);
  }, 60_000);

  it('refuses to sign a token it cannot make valid, saying why', async () => {
    const counselor = await runCli('functions/cli/token.ts', ['--role', 'counselor', '--clinics', 'northside'], env);
    expect(counselor.code).toBe(2);
    expect(counselor.stderr).toMatch(/counselor token names exactly one clinic and a counselor id/);
    const noSecret = await runCli('functions/cli/token.ts', ['--role', 'admin'], { ...env, DATA_DIR: join(dir, 'empty') });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/start the platform once/);
  }, 30_000);
});

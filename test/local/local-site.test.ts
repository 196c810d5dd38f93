// The local server's own routes: the built dashboard (and nothing else from disk), config.json,
// and the local-only demo sign-in, which the Lambda app does not have.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/local-platform.js';
import { localConfigFromEnv } from '../../functions/local/local-config.js';
import { createApp } from '../../functions/api/app.js';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';

let platform: LocalPlatform;
beforeAll(async () => {
  process.env.TABLE_NAME = 'local-site';
  platform = await startLocalPlatform({ ...localConfigFromEnv({ PORT: '0', DYNALITE_PORT: '0', DEMO_CLIENTS: '25', AGGREGATE_EVERY_SECONDS: '0' }), inMemory: true }, () => {});
}, 120_000);
afterAll(async () => {
  await platform?.close();
});

/** A GET with the path sent exactly as written (fetch would normalise the dots away). */
const rawGet = (path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL(platform.baseUrl);
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });

const signIn = (body: unknown) =>
  fetch(`${platform.baseUrl}/local/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the local site', () => {
  it('serves the built dashboard at / with hashed, immutable assets', async () => {
    const index = await fetch(`${platform.baseUrl}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = html.match(/src="(\/assets\/main-[A-Z0-9]+\.js)"/)![1]!;
    const asset = await fetch(`${platform.baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await (await fetch(`${platform.baseUrl}/config.json`)).json()).toEqual({ mode: 'local' });
  });

  it('serves nothing outside the built files, however the path is spelled', async () => {
    for (const path of ['/assets/../../package.json', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/manifest.json', '/assets/manifest.json', '/../package.json', '/dashboard/build.ts']) {
      const { status, body } = await rawGet(path);
      expect(status, path).toBe(404);
      expect(body, path).not.toContain('outcomes-platform');
    }
  });

  it('lists the demo people and mints a fresh, short-lived token for the one chosen', async () => {
    const { people } = (await (await fetch(`${platform.baseUrl}/local/people`)).json()) as { people: { personId: string; role: string }[] };
    expect(people.map((p) => p.role).sort()).toEqual(['admin', 'counselor', 'director', 'researcher']);
    const response = await signIn({ personId: 'demo-admin' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token } = (await response.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(24 * 3600);
    const clinics = await fetch(`${platform.baseUrl}/v1/admin/clinics`, { headers: { authorization: `Bearer ${token}` } });
    expect(clinics.status).toBe(200);
  });

  it('answers a bad sign-in with a problem and no token', async () => {
    for (const [body, status] of [[{ personId: 'nobody' }, 404], [{ personId: 'demo-admin', role: 'admin' }, 400], ['demo-admin', 400]] as const) {
      const response = await signIn(body);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(await response.json())).not.toContain('token');
    }
  });

  it('does not exist in the Lambda app', async () => {
    const db = createDocumentClient(platform.dynamoEndpoint);
    const app = createApp({ db, verifyToken: async () => undefined, now: () => new Date(), startAggregation: () => Promise.reject(new Error('not here')) });
    expect((await app.request('/local/people')).status).toBe(404);
    expect((await app.request('/local/sign-in', { method: 'POST', body: '{"personId":"demo-admin"}' })).status).toBe(404);
    expect((await app.request('/config.json')).status).toBe(404);
    db.destroy();
  });
});

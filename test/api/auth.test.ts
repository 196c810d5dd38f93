// Every kind of caller against every kind of endpoint (SPEC §6): 401 without valid credentials,
// 403 for the wrong kind of caller, 404 for another clinic's resources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { CLINIC_A, CLINIC_B, sampleEvents, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { bearer, postEvents } from '../support/requests.js';
import { clientTimeline } from '../../functions/store/client-timeline.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

type Caller = 'anonymous' | 'admin' | 'director' | 'counselor' | 'researcher' | 'ingestA';
const callers: Caller[] = ['anonymous', 'admin', 'director', 'counselor', 'researcher', 'ingestA'];

const headersFor = (caller: Caller): Record<string, string> =>
  caller === 'anonymous' ? {} : caller === 'ingestA' ? { 'x-api-key': p.ingestKeys[CLINIC_A]! } : bearer(p.tokens[caller]);

interface Endpoint {
  name: string;
  request: (headers: Record<string, string>) => Response | Promise<Response>;
  expected: Record<Caller, number>;
}

const json = (method: string, path: string, body?: unknown) => (headers: Record<string, string>) =>
  p.app.request(path, {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

const endpoints: Endpoint[] = [
  {
    name: 'GET /v1/health (public)',
    request: json('GET', '/v1/health'),
    expected: { anonymous: 200, admin: 200, director: 200, counselor: 200, researcher: 200, ingestA: 200 },
  },
  {
    name: 'POST /v1/events (ingest)',
    request: (h) => json('POST', '/v1/events', sampleEvents(CLINIC_A, `auth-${Math.random()}`)[1])(h),
    expected: { anonymous: 401, admin: 403, director: 403, counselor: 403, researcher: 403, ingestA: 200 },
  },
  {
    name: 'GET /v1/admin/clinics (admin)',
    request: json('GET', '/v1/admin/clinics'),
    expected: { anonymous: 401, admin: 200, director: 403, counselor: 403, researcher: 403, ingestA: 403 },
  },
  {
    name: 'PUT /v1/admin/clinics/{id} (admin)',
    request: json('PUT', '/v1/admin/clinics/clinic-c', { timeZone: 'Europe/Berlin' }),
    expected: { anonymous: 401, admin: 200, director: 403, counselor: 403, researcher: 403, ingestA: 403 },
  },
  {
    name: 'POST /v1/admin/clinics/{id}/ingest-keys (admin)',
    request: json('POST', `/v1/admin/clinics/${CLINIC_B}/ingest-keys`),
    expected: { anonymous: 401, admin: 201, director: 403, counselor: 403, researcher: 403, ingestA: 403 },
  },
];

describe.each(endpoints)('$name', ({ request, expected }) => {
  it.each(callers)('as %s', async (caller) => {
    const res = await request(headersFor(caller));
    expect(res.status).toBe(expected[caller]);
    if (res.status >= 400) expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('credentials that do not verify', () => {
  const sign = (claims: Record<string, unknown>, configure: (jwt: SignJWT) => SignJWT, secret: Uint8Array = p.secret) =>
    configure(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' })).sign(secret);
  const cases: [string, () => Promise<Record<string, string>>][] = [
    ['a malformed bearer token', async () => bearer('not-a-jwt')],
    ['an Authorization header that is not Bearer', async () => ({ authorization: `Basic ${p.tokens.admin}` })],
    ['an unknown ingest key', async () => ({ 'x-api-key': 'ok_guess' })],
    ['an expired token', async () => bearer(await sign({ sub: 'a', role: 'admin' }, (j) => j.setIssuer('outcomes-local').setAudience('outcomes-dashboard').setExpirationTime(Math.floor(Date.now() / 1000) - 60)))],
    ['a token from another issuer', async () => bearer(await sign({ sub: 'a', role: 'admin' }, (j) => j.setIssuer('evil').setAudience('outcomes-dashboard').setExpirationTime('1h')))],
    ['a token for another audience', async () => bearer(await sign({ sub: 'a', role: 'admin' }, (j) => j.setIssuer('outcomes-local').setAudience('other').setExpirationTime('1h')))],
    ['a token signed with another secret', async () => bearer(await sign({ sub: 'a', role: 'admin' }, (j) => j.setIssuer('outcomes-local').setAudience('outcomes-dashboard').setExpirationTime('1h'), new Uint8Array(32)))],
    ['a token with an unknown role', async () => bearer(await p.sign({ role: 'superuser' }))],
    ['a counselor token without a counselor id', async () => bearer(await p.sign({ role: 'counselor', clinics: [CLINIC_A] }))],
    ['an alg=none token', async () => bearer(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"a","role":"admin"}').toString('base64url')}.`)],
  ];
  it.each(cases)('%s gets 401', async (_name, headers) => {
    const res = await p.app.request('/v1/admin/clinics', { headers: await headers() });
    expect(res.status).toBe(401);
    expect((await res.json()).title).toBe('Unauthenticated');
  });
});

describe('clinic scope comes from the key, never from the body', () => {
  it('an ingest key for clinic A cannot write clinic B events (404), and nothing is stored', async () => {
    const events = sampleEvents(CLINIC_B, 'foreign', 'client-foreign');
    const res = await postEvents(p.app, p.ingestKeys[CLINIC_A], { events: [sampleEvents(CLINIC_A, 'own', 'client-foreign')[0], ...events] });
    expect(res.status).toBe(404);
    expect(await clientTimeline(p.db, CLINIC_A, 'client-foreign')).toEqual([]);
    expect(await clientTimeline(p.db, CLINIC_B, 'client-foreign')).toEqual([]);
  });

  it('an admin creating a key for a clinic that does not exist gets 404', async () => {
    const res = await p.app.request('/v1/admin/clinics/nowhere/ingest-keys', { method: 'POST', headers: bearer(p.tokens.admin) });
    expect(res.status).toBe(404);
  });
});

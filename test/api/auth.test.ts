// Every kind of caller against every kind of endpoint (SPEC §6): 401 without valid credentials,
// 403 for the wrong kind of caller, 404 for another clinic's resources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { CLINIC_A, CLINIC_B, sampleEvents, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { bearer, postEvents } from '../support/requests.js';
import { fakeClock } from '../support/fake-clock.js';
import { clientTimeline } from '../../functions/store/client-timeline.js';

// The app's clock, starting at the wall clock's now so that tokens signed below by hand agree with it.
const clock = fakeClock(new Date().toISOString());
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
  // The metrics endpoints serve aggregated views: give clinic A (counselors co-1 and co-2) and
  // clinic B (a co-1 of its own) some events and aggregate them, so that an in-scope read is a 200
  // and an out-of-scope 404 cannot be mistaken for "not aggregated yet".
  const a2 = sampleEvents(CLINIC_A, 'setup-a2', 'client-a2').map((e) => ({ ...e, counselorId: 'co-2' }));
  for (const [key, events] of [
    [p.ingestKeys[CLINIC_A], [...sampleEvents(CLINIC_A, 'setup-a1', 'client-a1'), ...a2]],
    [p.ingestKeys[CLINIC_B], sampleEvents(CLINIC_B, 'setup-b1', 'client-b1')],
  ] as const) {
    const res = await postEvents(p.app, key, { events });
    if (res.status !== 200) throw new Error(`setup ingest answered ${res.status}`);
  }
  // The run's window ends at its as-of time: a second after the ingest stamps.
  clock.advance(1_000);
  const report = await p.aggregation.run({ now: clock.now() });
  if (report.status !== 'completed' || report.eventsRead !== 27) throw new Error(`setup aggregation: ${JSON.stringify(report)}`);
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
    name: 'GET /v1/admin/audit (admin)',
    request: json('GET', `/v1/admin/audit?day=${new Date().toISOString().slice(0, 10)}`),
    expected: { anonymous: 401, admin: 200, director: 403, counselor: 403, researcher: 403, ingestA: 403 },
  },
  {
    name: 'GET /v1/admin/clinics (admin)',
    request: json('GET', '/v1/admin/clinics'),
    expected: { anonymous: 401, admin: 200, director: 403, counselor: 403, researcher: 403, ingestA: 403 },
  },
  {
    name: 'PUT /v1/admin/clinics/{id} (admin)',
    request: json('PUT', '/v1/admin/clinics/clinic-c', { timeZone: 'Europe/Berlin', researchConsent: false }),
    expected: { anonymous: 401, admin: 200, director: 403, counselor: 403, researcher: 403, ingestA: 403 },
  },
  {
    name: 'PATCH /v1/admin/clinics/{id} (admin)',
    request: json('PATCH', `/v1/admin/clinics/${CLINIC_B}`, { timeZone: 'America/New_York' }),
    expected: { anonymous: 401, admin: 200, director: 403, counselor: 403, researcher: 403, ingestA: 403 },
  },
  {
    name: 'GET /v1/admin/clinics/{id}/ingest-keys (admin)',
    request: json('GET', `/v1/admin/clinics/${CLINIC_B}/ingest-keys`),
    expected: { anonymous: 401, admin: 200, director: 403, counselor: 403, researcher: 403, ingestA: 403 },
  },
  {
    name: 'DELETE /v1/admin/clinics/{id}/ingest-keys/{keyId} (admin; an unknown key)',
    request: json('DELETE', `/v1/admin/clinics/${CLINIC_B}/ingest-keys/00000000-0000-4000-8000-000000000000`),
    expected: { anonymous: 401, admin: 404, director: 403, counselor: 403, researcher: 403, ingestA: 403 },
  },
  {
    name: 'POST /v1/admin/clinics/{id}/ingest-keys (admin)',
    request: json('POST', `/v1/admin/clinics/${CLINIC_B}/ingest-keys`),
    expected: { anonymous: 401, admin: 201, director: 403, counselor: 403, researcher: 403, ingestA: 403 },
  },
  {
    name: 'GET /v1/clinics/{id}/metrics (director, admin)',
    request: json('GET', `/v1/clinics/${CLINIC_A}/metrics`),
    expected: { anonymous: 401, admin: 200, director: 200, counselor: 403, researcher: 403, ingestA: 403 },
  },
  {
    name: 'GET /v1/clinics/{id}/comparison (director, admin)',
    request: json('GET', `/v1/clinics/${CLINIC_A}/comparison`),
    expected: { anonymous: 401, admin: 200, director: 200, counselor: 403, researcher: 403, ingestA: 403 },
  },
  {
    name: 'GET /v1/network/comparison (director, researcher, admin)',
    request: json('GET', '/v1/network/comparison'),
    expected: { anonymous: 401, admin: 200, director: 200, counselor: 403, researcher: 200, ingestA: 403 },
  },
  {
    name: 'GET /v1/counselors/{id}/caseload (counselor, director)',
    request: json('GET', '/v1/counselors/co-1/caseload'),
    expected: { anonymous: 401, admin: 403, director: 200, counselor: 200, researcher: 403, ingestA: 403 },
  },
  {
    name: 'POST /v1/admin/aggregations (admin)',
    request: json('POST', '/v1/admin/aggregations'),
    expected: { anonymous: 401, admin: 202, director: 403, counselor: 403, researcher: 403, ingestA: 403 },
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

describe('clinic scope of the metrics endpoints: another clinic answers 404', () => {
  const read = async (path: string, token: string) => {
    const res = await p.app.request(path, { headers: bearer(token) });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };
  const directorOf = (clinicId: string) => p.sign({ role: 'director', clinics: [clinicId] }, `director-${clinicId}`);

  it.each(['metrics', 'comparison'])('a director of clinic A asking for clinic B %s gets 404; clinic B has figures', async (what) => {
    const denied = await read(`/v1/clinics/${CLINIC_B}/${what}`, p.tokens.director);
    expect(denied.status).toBe(404);
    expect(denied.type).toBe('application/problem+json');
    expect(denied.body).not.toHaveProperty('asOf');
    // The same resource exists and is aggregated: its own director and the admin read it.
    const own = await read(`/v1/clinics/${CLINIC_B}/${what}`, await directorOf(CLINIC_B));
    expect(own.status).toBe(200);
    expect(own.body.clinicId).toBe(CLINIC_B);
    expect((await read(`/v1/clinics/${CLINIC_B}/${what}`, p.tokens.admin)).status).toBe(200);
  });

  it('a clinic outside the scope is answered exactly like one that does not exist', async () => {
    const existing = await read(`/v1/clinics/${CLINIC_B}/metrics`, p.tokens.director);
    const missing = await read('/v1/clinics/clinic-nowhere/metrics', p.tokens.director);
    expect(existing.status).toBe(404);
    const { instance: _a, ...existingBody } = existing.body;
    const { instance: _b, ...missingBody } = missing.body;
    expect(existingBody).toEqual(missingBody);
  });

  it('a director of clinic A naming clinic B on the network comparison gets 404', async () => {
    const denied = await read(`/v1/network/comparison?clinicId=${CLINIC_B}`, p.tokens.director);
    expect(denied.status).toBe(404);
    expect(denied.type).toBe('application/problem+json');
    const own = await read(`/v1/network/comparison?clinicId=${CLINIC_A}`, p.tokens.director);
    expect(own.status).toBe(200);
    expect(own.body.view).toBe('director');
    expect(own.body.comparison.attainment.clinics[0].clinic).toBe(CLINIC_A);
    const b = await read(`/v1/network/comparison?clinicId=${CLINIC_B}`, await directorOf(CLINIC_B));
    expect(b.status).toBe(200);
    expect(b.body.view).toBe('director');
    expect(b.body.comparison.attainment.clinics[0].clinic).toBe(CLINIC_B);
  });

  it('a director with no clinic in the token gets 404 on the network comparison', async () => {
    const token = await p.sign({ role: 'director', clinics: [] }, 'director-of-nothing');
    expect((await read('/v1/network/comparison', token)).status).toBe(404);
    expect((await read(`/v1/network/comparison?clinicId=${CLINIC_A}`, token)).status).toBe(404);
  });

  it('a researcher naming a clinic still gets the research view, naming no clinic', async () => {
    const res = await read(`/v1/network/comparison?clinicId=${CLINIC_A}`, p.tokens.researcher);
    expect(res.status).toBe(200);
    expect(res.body.view).toBe('research');
    expect(JSON.stringify(res.body)).not.toContain(CLINIC_A);
  });

  it('a counselor asking for another counselor’s caseload gets 404; that caseload exists', async () => {
    const denied = await read('/v1/counselors/co-2/caseload', p.tokens.counselor);
    expect(denied.status).toBe(404);
    expect(denied.type).toBe('application/problem+json');
    const director = await read('/v1/counselors/co-2/caseload', p.tokens.director);
    expect(director.status).toBe(200);
    expect(director.body).toMatchObject({ clinicId: CLINIC_A, counselorId: 'co-2' });
  });

  it('a counselor or director naming another clinic for a caseload gets 404, though that caseload exists', async () => {
    expect((await read(`/v1/counselors/co-1/caseload?clinicId=${CLINIC_B}`, p.tokens.counselor)).status).toBe(404);
    expect((await read(`/v1/counselors/co-1/caseload?clinicId=${CLINIC_B}`, p.tokens.director)).status).toBe(404);
    const own = await read(`/v1/counselors/co-1/caseload?clinicId=${CLINIC_B}`, await directorOf(CLINIC_B));
    expect(own.status).toBe(200);
    expect(own.body.clinicId).toBe(CLINIC_B);
    // Without `clinicId`, a director of clinic A gets clinic A's co-1, never clinic B's.
    expect((await read('/v1/counselors/co-1/caseload', p.tokens.director)).body.clinicId).toBe(CLINIC_A);
  });

  it('a counselor token naming clinic B cannot read clinic B through a co-1 of clinic A', async () => {
    const token = await p.sign({ role: 'counselor', clinics: [CLINIC_B], counselorId: 'co-1' }, 'counselor-b');
    const res = await read(`/v1/counselors/co-1/caseload?clinicId=${CLINIC_A}`, token);
    expect(res.status).toBe(404);
    expect((await read('/v1/counselors/co-1/caseload', token)).body.clinicId).toBe(CLINIC_B);
  });
});

// GET /v1/counselors/{counselorId}/clients/{clientId}/timeline against the real app on an in-memory
// dynalite: hand-built events whose timeline is known exactly, the audit trail of every read, and a
// 404 for every client that is not on the caller's caseload (SPEC §6, §7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_A, CLINIC_B, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { fakeClock } from '../support/fake-clock.js';
import { bearer, postEvents } from '../support/requests.js';
import { auditEntriesOn } from '../../functions/store/audit-log.js';
import { clientTimelineResponse } from '../../functions/api/routes/metrics-schemas.js';

const clock = fakeClock('2026-03-01T12:00:00.000Z');
const DAY = clock.now().toISOString().slice(0, 10);
const at = (day: string, hour = 10) => `2026-${day}T${String(hour).padStart(2, '0')}:00:00-05:00`;

/** The events of one client, with ids made unique by the client id. */
function story(clinicId: string, clientId: string, counselorId: string, lines: Record<string, unknown>[]) {
  return lines.map((line, i) => ({ clinicId, clientId, counselorId, id: `${clientId}.${i}`, ...line }));
}

const enrolled = (day: string) => ({ type: 'client.enrolled', occurredAt: at(day), gender: 'female', primarySubstance: 'alcohol', referral: 'self' });
const session = (day: string, sessionId: string, status: string, hour = 10) => ({ type: 'session.recorded', occurredAt: at(day, hour), sessionId, status });
const measure = (day: string, instrument: string, items: number[]) => ({ type: 'measure.recorded', occurredAt: at(day, 11), instrument, items });

// co-1's client in clinic A: two goals, reviews and a closure, sessions with a correction, SRS and ORS.
const ALICE = story(CLINIC_A, 'alice', 'co-1', [
  enrolled('01-05'),
  session('01-05', 's1', 'attended'),
  { type: 'goal.set', occurredAt: at('01-05', 12), goalId: 'g1', mode: 'collaborative', domain: 'substance_use', weight: 2 },
  { type: 'goal.set', occurredAt: at('01-05', 13), goalId: 'g2', mode: 'directive', domain: 'housing', weight: 1 },
  measure('01-05', 'SRS', [9.1, 8.7, 9.9, 10]),
  measure('01-05', 'ORS', [5, 6.5, 4.2, 7]),
  session('01-12', 's2', 'no_show'),
  session('01-19', 's3', 'attended'),
  { type: 'goal.reviewed', occurredAt: at('01-19', 12), goalId: 'g1', level: -1 },
  { type: 'goal.reviewed', occurredAt: at('01-19', 13), goalId: 'g2', level: 0 },
  measure('01-19', 'ORS', [7, 8, 6, 8.5]),
  session('01-26', 's4', 'no_show'),
  // The clinic corrects s4: the client came after all.
  session('01-27', 's4', 'attended'),
  { type: 'goal.reviewed', occurredAt: at('02-02', 12), goalId: 'g1', level: 1 },
  { type: 'goal.closed', occurredAt: at('02-09', 12), goalId: 'g1', outcome: 'achieved', level: 2 },
  measure('02-09', 'SRS', [8, 8, 7.5, 9]),
  session('02-16', 's5', 'cancelled'),
]);
// co-2's client in clinic A, and a discharged client of co-1: on nobody's caseload.
const BOB = story(CLINIC_A, 'bob', 'co-2', [enrolled('01-06'), session('01-06', 's1', 'attended')]);
const CAROL = story(CLINIC_A, 'carol', 'co-1', [enrolled('01-07'), session('01-07', 's1', 'attended'), { type: 'client.discharged', occurredAt: at('02-01'), reason: 'completed' }]);
// Clinic B has a counselor co-1 too, with a client of the same pseudonym as clinic A's.
const ALICE_B = story(CLINIC_B, 'alice-b', 'co-1', [enrolled('01-08'), session('01-08', 's1', 'attended')]);

let p: TestPlatform;
let tokens: { counselorTwo: string; directorB: string; directorAB: string };

const get = async (path: string, token: string) => {
  const res = await p.app.request(path, { headers: bearer(token) });
  // biome-ignore lint/suspicious/noExplicitAny: JSON read loosely; the assertions check its shape.
  return { res, body: (await res.json()) as Record<string, any> };
};
const timelinePath = (counselorId: string, clientId: string, query = '') => `/v1/counselors/${counselorId}/clients/${clientId}/timeline${query}`;

async function aggregate() {
  clock.advance(60_000);
  const res = await p.app.request('/v1/admin/aggregations', { method: 'POST', headers: bearer(p.tokens.admin) });
  expect(res.status).toBe(202);
  const { runId } = (await res.json()) as { runId: string };
  await p.aggregation.idle();
  const run = (await (await p.app.request(`/v1/admin/aggregations/${runId}`, { headers: bearer(p.tokens.admin) })).json()) as { status: string; report?: { asOf: string } };
  expect(run.status).toBe('completed');
  return { asOf: run.report!.asOf };
}

let asOf: string;

beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
  for (const [clinicId, events] of [[CLINIC_A, [...ALICE, ...BOB, ...CAROL]], [CLINIC_B, ALICE_B]] as const) {
    const res = await postEvents(p.app, p.ingestKeys[clinicId], { events });
    expect(res.status).toBe(200);
  }
  asOf = (await aggregate()).asOf;
  tokens = {
    counselorTwo: await p.sign({ role: 'counselor', clinics: [CLINIC_A], counselorId: 'co-2' }, 'counselor-two'),
    directorB: await p.sign({ role: 'director', clinics: [CLINIC_B] }, 'director-b'),
    directorAB: await p.sign({ role: 'director', clinics: [CLINIC_A, CLINIC_B] }, 'director-ab'),
  };
}, 60_000);
afterAll(() => p.close());

const timelineReads = async () => (await auditEntriesOn(p.db, DAY, 500)).entries.filter((e) => e.action === 'client-timeline.read');

describe('GET /v1/counselors/{counselorId}/clients/{clientId}/timeline', () => {
  it('gives the counselor their client’s GAS levels per goal, sessions and SRS/ORS totals over time', async () => {
    const { res, body } = await get(timelinePath('co-1', 'alice'), p.tokens.counselor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body).toEqual({
      clinicId: CLINIC_A,
      counselorId: 'co-1',
      clientId: 'alice',
      timeZone: 'America/New_York',
      asOf,
      goals: [
        {
          goalId: 'g1',
          mode: 'collaborative',
          domain: 'substance_use',
          setAt: at('01-05', 12),
          levels: [
            { at: at('01-19', 12), level: -1 },
            { at: at('02-02', 12), level: 1 },
            { at: at('02-09', 12), level: 2 },
          ],
          closed: { at: at('02-09', 12), outcome: 'achieved', level: 2 },
        },
        { goalId: 'g2', mode: 'directive', domain: 'housing', setAt: at('01-05', 13), levels: [{ at: at('01-19', 13), level: 0 }], closed: null },
      ],
      sessions: [
        { at: at('01-05'), status: 'attended' },
        { at: at('01-12'), status: 'no_show' },
        { at: at('01-19'), status: 'attended' },
        { at: at('01-27'), status: 'attended' },
        { at: at('02-16'), status: 'cancelled' },
      ],
      measures: {
        srs: [
          { at: at('01-05', 11), total: 37.7 },
          { at: at('02-09', 11), total: 32.5 },
        ],
        ors: [
          { at: at('01-05', 11), total: 22.7 },
          { at: at('01-19', 11), total: 29.5 },
        ],
      },
    });
    expect(clientTimelineResponse.parse(body)).toEqual(body);
  });

  it('agrees with the client’s caseload row', async () => {
    const { body: caseload } = await get('/v1/counselors/co-1/caseload', p.tokens.counselor);
    const row = caseload.clients.find((r: { clientId: string }) => r.clientId === 'alice');
    const { body } = await get(timelinePath('co-1', 'alice'), p.tokens.counselor);
    const held = body.sessions.filter((s: { status: string }) => s.status !== 'cancelled');
    expect(row.attendanceRate).toBe(held.filter((s: { status: string }) => s.status === 'attended').length / held.length);
    expect(row.openGoals).toBe(body.goals.filter((g: { closed: unknown }) => g.closed === null).length);
    expect(row.srsLatest).toBe(body.measures.srs.at(-1).total);
  });

  it('lets a director of the clinic read it, and audits every read with the counselor and the client', async () => {
    const before = (await timelineReads()).length;
    clock.advance(1_000);
    const counselorRead = await get(timelinePath('co-1', 'alice'), p.tokens.counselor);
    clock.advance(1_000);
    const directorRead = await get(timelinePath('co-1', 'alice'), p.tokens.director);
    expect(directorRead.res.status).toBe(200);
    expect(directorRead.body).toEqual(counselorRead.body);
    const reads = await timelineReads();
    expect(reads).toHaveLength(before + 2);
    const entry = { scope: [CLINIC_A], action: 'client-timeline.read', subject: { counselorId: 'co-1', clientId: 'alice' }, rows: 1 };
    // The purpose follows the role unless the caller states one: treatment for the counselor, operations for the director.
    expect(reads.at(-2)).toEqual({ ...entry, at: new Date(clock.now().getTime() - 1_000).toISOString(), actor: 'user-counselor', role: 'counselor', purpose: 'treatment' });
    expect(reads.at(-1)).toEqual({ ...entry, at: clock.now().toISOString(), actor: 'user-director', role: 'director', purpose: 'operations' });
  });

  it('the caseload read is audited with the counselor whose caseload it is', async () => {
    clock.advance(1_000);
    expect((await get('/v1/counselors/co-1/caseload', p.tokens.director)).res.status).toBe(200);
    const entries = (await auditEntriesOn(p.db, DAY, 500)).entries.filter((e) => e.action === 'caseload.read');
    expect(entries.at(-1)).toMatchObject({ actor: 'user-director', subject: { counselorId: 'co-1' }, scope: [CLINIC_A] });
  });

  it('a director of two clinics picks the clinic with `clinicId`', async () => {
    const a = await get(timelinePath('co-1', 'alice', `?clinicId=${CLINIC_A}`), tokens.directorAB);
    expect(a.res.status).toBe(200);
    expect(a.body.clinicId).toBe(CLINIC_A);
    const b = await get(timelinePath('co-1', 'alice-b', `?clinicId=${CLINIC_B}`), tokens.directorAB);
    expect(b.res.status).toBe(200);
    expect(b.body).toMatchObject({ clinicId: CLINIC_B, clientId: 'alice-b', sessions: [{ at: at('01-08'), status: 'attended' }] });
  });

  it.each([
    ['another counselor’s client, through their own id', () => p.tokens.counselor, timelinePath('co-1', 'bob')],
    ['another counselor’s client, through that counselor’s id', () => p.tokens.counselor, timelinePath('co-2', 'bob')],
    ['their own client, through another counselor’s id', () => tokens.counselorTwo, timelinePath('co-1', 'alice')],
    ['a discharged client, on no caseload', () => p.tokens.counselor, timelinePath('co-1', 'carol')],
    ['a client who does not exist', () => p.tokens.counselor, timelinePath('co-1', 'nobody')],
    ['another clinic’s client of a counselor with the same id', () => p.tokens.counselor, timelinePath('co-1', 'alice-b')],
    ['another clinic named in `clinicId`', () => p.tokens.counselor, timelinePath('co-1', 'alice-b', `?clinicId=${CLINIC_B}`)],
    ['a director, another clinic’s client', () => p.tokens.director, timelinePath('co-1', 'alice-b')],
    ['a director of another clinic', () => tokens.directorB, timelinePath('co-1', 'alice')],
    ['a director, a client not on the named counselor’s caseload', () => p.tokens.director, timelinePath('co-2', 'alice')],
  ])('answers 404, as if it did not exist, for %s, and audits nothing', async (_name, token, path) => {
    const before = (await auditEntriesOn(p.db, DAY, 500)).entries.length;
    const { res, body } = await get(path, token());
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(body).toMatchObject({ status: 404, title: 'Not found' });
    expect(Object.keys(body).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type']);
    expect((await auditEntriesOn(p.db, DAY, 500)).entries.length).toBe(before);
  });

  it.each([
    ['a researcher', () => p.tokens.researcher, 403],
    ['an admin', () => p.tokens.admin, 403],
  ])('refuses %s (%i): no client-level view', async (_name, token, status) => {
    const { res } = await get(timelinePath('co-1', 'alice'), token());
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses an ingest key and an anonymous caller', async () => {
    const asKey = await p.app.request(timelinePath('co-1', 'alice'), { headers: { 'x-api-key': p.ingestKeys[CLINIC_A]! } });
    expect(asKey.status).toBe(403);
    expect((await p.app.request(timelinePath('co-1', 'alice'))).status).toBe(401);
  });

  it('answers 400 problem for a malformed id', async () => {
    const { res, body } = await get(timelinePath('co-1', 'ali%20ce'), p.tokens.counselor);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(body.errors.length).toBeGreaterThan(0);
  });

  it('is served from the stored client state: a later event shows only after the next aggregation', async () => {
    const before = await get(timelinePath('co-1', 'alice'), p.tokens.counselor);
    clock.advance(60_000);
    const late = story(CLINIC_A, 'alice', 'co-1', [session('02-23', 's6', 'attended')]).map((e) => ({ ...e, id: 'alice.late' }));
    expect((await postEvents(p.app, p.ingestKeys[CLINIC_A], { events: late })).status).toBe(200);
    expect((await get(timelinePath('co-1', 'alice'), p.tokens.counselor)).body).toEqual(before.body);

    const next = await aggregate();
    const after = await get(timelinePath('co-1', 'alice'), p.tokens.counselor);
    expect(after.body.asOf).toBe(next.asOf);
    expect(after.body.sessions).toEqual([...before.body.sessions, { at: at('02-23'), status: 'attended' }]);
    expect(after.body.goals).toEqual(before.body.goals);
  });
});

// The metrics endpoints against the real app and an in-memory dynalite (SPEC §3, §5, §6, §7):
// a small synthetic network is ingested and aggregated once, then every endpoint is read as the
// callers who may read it. The figures come from the stored views, never from the events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { fakeClock } from '../support/fake-clock.js';
import { ingest, syntheticNetwork } from '../support/synthetic-ingest.js';
import { bearer } from '../support/requests.js';
import { auditEntriesOn } from '../../functions/store/audit-log.js';
import { getCounselorView, type CounselorView } from '../../functions/store/counselor-views.js';
import { listClinics } from '../../functions/store/clinics.js';
import type { EventInput } from '../../functions/events/schema.js';

const NETWORK_AS_OF = '2026-11-01T00:00:00.000Z';
const clock = fakeClock('2026-11-01T12:00:00.000Z');
const RIVERSIDE = 'riverside';
const FLAGS = ['no_goals', 'missed_sessions', 'alliance_risk', 'stalled_goal', 'deteriorating'];

// Response bodies are walked generically; their shapes are asserted field by field.
// biome-ignore lint/suspicious/noExplicitAny: API responses read as loose JSON; the assertions check the shapes.
type Json = Record<string, any>;

let p: TestPlatform;
let network: Awaited<ReturnType<typeof syntheticNetwork>>;
let report: Json;
let clinicIds: string[];
const tokens = { director: '', counselor: '' };
let otherCounselorId: string;
let counselorView: CounselorView;

const get = async (path: string, token: string) => {
  const res = await p.app.request(path, { headers: bearer(token) });
  return { res, body: (await res.json()) as Json };
};

// "Run now" answers 202 with a run id; the run goes on in-process, and its record holds the report.
const runAggregationNow = async () => {
  const res = await p.app.request('/v1/admin/aggregations', { method: 'POST', headers: bearer(p.tokens.admin) });
  expect(res.status).toBe(202);
  const { runId } = (await res.json()) as Json;
  await p.aggregation.idle();
  const run = (await (await p.app.request(`/v1/admin/aggregations/${runId}`, { headers: bearer(p.tokens.admin) })).json()) as Json;
  return { status: run.status, ...run.report } as Json;
};

beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
  network = await syntheticNetwork(p, { clients: 40, seed: 3, asOf: NETWORK_AS_OF });
  await ingest(p, network.keys, network.events);
  clock.advance(60_000);
  report = await runAggregationNow();

  const clinics = await listClinics(p.db);
  clinicIds = clinics.map((c) => c.clinicId);

  // A riverside counselor with clients on their caseload, preferring one with flags raised.
  const riversideCounselors = network.counselors.filter((c) => c.clinicId === RIVERSIDE).map((c) => c.counselorId);
  const views = (await Promise.all(riversideCounselors.map((id) => getCounselorView(p.db, [RIVERSIDE], id)))).filter((v) => v !== undefined);
  const withClients = views.filter((v) => v.caseload.rows.length > 0);
  counselorView = withClients.find((v) => v.caseload.rows.some((r) => r.flags.length > 0)) ?? withClients[0]!;
  const other = views.find((v) => v.counselorId !== counselorView.counselorId)!;

  tokens.director = await p.sign({ role: 'director', clinics: [RIVERSIDE] }, 'dir-riverside');
  tokens.counselor = await p.sign({ role: 'counselor', clinics: [RIVERSIDE], counselorId: counselorView.counselorId }, 'counselor-riverside');
  otherCounselorId = other.counselorId;
}, 60_000);
afterAll(() => p.close());

// ---- walkers over a whole JSON body ----

function objectsIn(value: unknown, visit: (o: Json, path: string) => void, path = '$'): void {
  if (Array.isArray(value)) for (const [i, v] of value.entries()) objectsIn(v, visit, `${path}[${i}]`);
  else if (value !== null && typeof value === 'object') {
    visit(value as Json, path);
    for (const [k, v] of Object.entries(value)) objectsIn(v, visit, `${path}.${k}`);
  }
}

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;

/** Every estimate is a finite value inside its interval, or null with a reason (SPEC §5). */
function expectEstimatesWellFormed(body: unknown): number {
  let seen = 0;
  objectsIn(body, (o, path) => {
    if (!('estimate' in o)) return;
    seen++;
    if (o.estimate === null) {
      expect(typeof o.reason, path).toBe('string');
      expect(o.reason.length, path).toBeGreaterThan(0);
      expect(o, path).not.toHaveProperty('lower');
    } else {
      for (const k of ['estimate', 'lower', 'upper']) expect(Number.isFinite(o[k]), `${path}.${k}`).toBe(true);
      expect(o.lower, path).toBeLessThanOrEqual(o.estimate);
      expect(o.estimate, path).toBeLessThanOrEqual(o.upper);
    }
  });
  return seen;
}

/** A Wilson interval: events/n are counts, estimate = events/n, and the interval lies in [0, 1]. */
function expectWilson(w: Json, path: string) {
  expect(isCount(w.events) && isCount(w.n), path).toBe(true);
  expect(w.events, path).toBeLessThanOrEqual(w.n);
  if (w.n === 0) {
    expect(w.estimate, path).toBeNull();
    expect(w.reason, path).toBeTruthy();
  } else {
    expect(w.estimate, path).toBeCloseTo(w.events / w.n, 12);
    expect(w.lower, path).toBeGreaterThanOrEqual(0);
    expect(w.upper, path).toBeLessThanOrEqual(1);
  }
}

// ---- the tests ----

describe('POST /v1/admin/aggregations', () => {
  it('ran a full aggregation over every ingested event', () => {
    expect(report).toMatchObject({ status: 'completed', eventsRead: network.events.length, asOf: clock.now().toISOString() });
    expect(report.clinics).toBe(clinicIds.length);
  });
});

describe('GET /v1/clinics/{clinicId}/metrics', () => {
  it('serves the stored figures as of the aggregation, each carrying its counts', async () => {
    const { res, body } = await get(`/v1/clinics/${RIVERSIDE}/metrics`, tokens.director);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body).toMatchObject({ clinicId: RIVERSIDE, timeZone: 'America/New_York', asOf: report.asOf });
    expect(isCount(body.clients)).toBe(true);
    expect(body.clients).toBeGreaterThan(0);
    expect(body.metrics.clients).toBe(body.clients);

    // Attainment, goal level, each goal under its own mode.
    const { overall, collaborative, directive } = body.metrics.attainment;
    for (const [mode, a] of Object.entries({ overall, collaborative, directive }) as [string, Json][]) {
      expect(isCount(a.closedGoals) && isCount(a.achieved) && isCount(a.clients), mode).toBe(true);
      expect(a.achieved, mode).toBeLessThanOrEqual(a.closedGoals);
      expect(a.rate, mode).toBe(a.closedGoals === 0 ? null : a.achieved / a.closedGoals);
    }
    expect(overall.closedGoals).toBe(collaborative.closedGoals + directive.closedGoals);
    expect(overall.achieved).toBe(collaborative.achieved + directive.achieved);
    expect(overall.closedGoals).toBeGreaterThan(0);

    // Every proportion anywhere carries numerator and denominator; every rate is null or in [0, 1].
    let proportions = 0;
    objectsIn(body.metrics, (o, path) => {
      if ('numerator' in o) {
        proportions++;
        expect(isCount(o.numerator) && isCount(o.denominator), path).toBe(true);
        expect(o.numerator, path).toBeLessThanOrEqual(o.denominator);
        expect(o.rate, path).toBe(o.denominator === 0 ? null : o.numerator / o.denominator);
      }
      for (const key of ['rate', 'shareBelowThreshold']) {
        if (!(key in o)) continue;
        if (o[key] !== null) {
          expect(o[key], `${path}.${key}`).toBeGreaterThanOrEqual(0);
          expect(o[key], `${path}.${key}`).toBeLessThanOrEqual(1);
        }
      }
    });
    expect(proportions).toBeGreaterThan(10);
    expect(numbersIn(body).every(Number.isFinite)).toBe(true);

    // The engagement breakdown by client mode adds up to the overall figure.
    const eng = body.metrics.engagement;
    const sum = (pick: (e: Json) => number) => ['collaborative', 'directive', 'mixed', 'none'].reduce((s, m) => s + pick(eng[m]), 0);
    expect(sum((e) => e.attendance.attended)).toBe(eng.overall.attendance.attended);
    expect(sum((e) => e.retention90.denominator)).toBe(eng.overall.retention90.denominator);

    // One row per counselor, whose clients add up to the clinic's.
    expect(body.counselors.length).toBeGreaterThan(0);
    expect(body.counselors.reduce((s: number, c: Json) => s + c.metrics.clients, 0)).toBe(body.clients);
    for (const c of body.counselors) expect(network.counselors).toContainEqual({ counselorId: c.counselorId, clinicId: RIVERSIDE });
  });

  it('has contiguous monthly trends, and `from`/`to` select the months', async () => {
    const { body: all } = await get(`/v1/clinics/${RIVERSIDE}/metrics`, tokens.director);
    const periods: string[] = all.monthlyTrends.map((r: Json) => r.period);
    expect(periods.length).toBeGreaterThanOrEqual(6);
    for (const [i, period] of periods.entries()) {
      expect(period).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      if (i > 0) {
        const [y, m] = periods[i - 1]!.split('-').map(Number) as [number, number];
        expect(period).toBe(m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`);
      }
    }
    for (const row of all.monthlyTrends) {
      expect(isCount(row.activeClients) && isCount(row.attended) && isCount(row.noShow)).toBe(true);
      expect(row.attendanceRate).toBe(row.attended + row.noShow === 0 ? null : row.attended / (row.attended + row.noShow));
    }
    expect(all.monthlyTrends.some((r: Json) => r.activeClients > 0)).toBe(true);

    const from = periods[2]!;
    const to = periods[4]!;
    const ranged = await get(`/v1/clinics/${RIVERSIDE}/metrics?from=${from}&to=${to}`, tokens.director);
    expect(ranged.res.status).toBe(200);
    expect(ranged.body.monthlyTrends).toEqual(all.monthlyTrends.slice(2, 5));
    // The headline figures do not depend on the range.
    expect(ranged.body.metrics).toEqual(all.metrics);

    expect((await get(`/v1/clinics/${RIVERSIDE}/metrics?from=${from}`, tokens.director)).body.monthlyTrends).toEqual(all.monthlyTrends.slice(2));
    expect((await get(`/v1/clinics/${RIVERSIDE}/metrics?to=${to}`, tokens.director)).body.monthlyTrends).toEqual(all.monthlyTrends.slice(0, 5));
    expect((await get(`/v1/clinics/${RIVERSIDE}/metrics?from=${from}&to=${from}`, tokens.director)).body.monthlyTrends).toEqual([all.monthlyTrends[2]]);
    expect((await get(`/v1/clinics/${RIVERSIDE}/metrics?from=1999-01&to=1999-12`, tokens.director)).body.monthlyTrends).toEqual([]);
  });

  it.each([
    ['`from` after `to`', 'from=2026-09&to=2026-03'],
    ['a month 13', 'from=2026-13'],
    ['a day instead of a month', 'to=2026-03-01'],
  ])('answers 400 problem for %s', async (_name, query) => {
    const { res, body } = await get(`/v1/clinics/${RIVERSIDE}/metrics?${query}`, tokens.director);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(body).toMatchObject({ status: 400, title: expect.any(String) });
    expect(body.errors.length).toBeGreaterThan(0);
  });

  it('an admin reads any clinic', async () => {
    const { res, body } = await get('/v1/clinics/coastal/metrics', p.tokens.admin);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ clinicId: 'coastal', timeZone: 'America/Los_Angeles', asOf: report.asOf });
  });

  it('a director of riverside cannot read prairie (404, as if it did not exist)', async () => {
    const { res, body } = await get('/v1/clinics/prairie/metrics', tokens.director);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.stringify(body)).not.toMatch(/clients|asOf/);
  });
});

describe('GET /v1/clinics/{clinicId}/comparison', () => {
  it('gives Wilson and Newcombe intervals with their counts, matching the metrics', async () => {
    const { res, body } = await get(`/v1/clinics/${RIVERSIDE}/comparison`, tokens.director);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ clinicId: RIVERSIDE, asOf: report.asOf });
    const c = body.comparison;
    expect(expectEstimatesWellFormed(c)).toBeGreaterThanOrEqual(9);

    for (const figure of ['attainment', 'retention90'] as const) {
      expectWilson(c[figure].collaborative, `${figure}.collaborative`);
      expectWilson(c[figure].directive, `${figure}.directive`);
      const d = c[figure].difference;
      expect(d).toMatchObject({
        events1: c[figure].collaborative.events,
        n1: c[figure].collaborative.n,
        events2: c[figure].directive.events,
        n2: c[figure].directive.n,
      });
      if (d.estimate !== null) {
        expect(d.estimate).toBeCloseTo(c[figure].collaborative.estimate - c[figure].directive.estimate, 12);
        expect(d.lower).toBeGreaterThanOrEqual(-1);
        expect(d.upper).toBeLessThanOrEqual(1);
      }
    }
    for (const figure of ['gasTScore', 'waiSrTotal', 'orsChange']) {
      expect(isCount(c[figure].n1) && isCount(c[figure].n2), figure).toBe(true);
      if (c[figure].n1 < 2 || c[figure].n2 < 2) expect(c[figure].estimate, figure).toBeNull();
    }

    // The same goals and clients as the metrics endpoint counts.
    const { body: metrics } = await get(`/v1/clinics/${RIVERSIDE}/metrics`, tokens.director);
    expect(c.attainment.collaborative.n).toBe(metrics.metrics.attainment.collaborative.closedGoals);
    expect(c.attainment.collaborative.events).toBe(metrics.metrics.attainment.collaborative.achieved);
    expect(c.attainment.directive.n).toBe(metrics.metrics.attainment.directive.closedGoals);
    expect(c.retention90.collaborative.n).toBe(metrics.metrics.engagement.collaborative.retention90.denominator);
    expect(c.retention90.directive.events).toBe(metrics.metrics.engagement.directive.retention90.numerator);
    expect(c.clients.collaborative + c.clients.directive + c.clients.mixed + c.clients.none).toBe(metrics.clients);
  });

  it('carries one row per counselor for a director, and none for an admin', async () => {
    const director = await get(`/v1/clinics/${RIVERSIDE}/comparison`, tokens.director);
    const admin = await get(`/v1/clinics/${RIVERSIDE}/comparison`, p.tokens.admin);
    expect(admin.res.status).toBe(200);
    expect(director.body.counselors.length).toBeGreaterThan(0);
    expect(director.body.counselors.map((r: Json) => r.counselorId)).toContain(counselorView.counselorId);
    expectEstimatesWellFormed(director.body.counselors);
    expect(admin.body).not.toHaveProperty('counselors');
    expect(admin.body.comparison).toEqual(director.body.comparison);
  });

  it('a director of riverside cannot read prairie (404)', async () => {
    const { res } = await get('/v1/clinics/prairie/comparison', tokens.director);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('GET /v1/counselors/{counselorId}/caseload', () => {
  it('as the counselor: their clients with flags and reasons, and 26 weekly trend rows', async () => {
    const { res, body } = await get(`/v1/counselors/${counselorView.counselorId}/caseload`, tokens.counselor);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ clinicId: RIVERSIDE, counselorId: counselorView.counselorId, timeZone: 'America/New_York', asOf: report.asOf });
    expect(body.clients.length).toBeGreaterThan(0);
    expect(body.clients).toEqual(counselorView.caseload.rows);
    let flagged = 0;
    for (const row of body.clients) {
      expect(row.counselorId).toBe(counselorView.counselorId);
      expect(row.attendanceRate === null || (row.attendanceRate >= 0 && row.attendanceRate <= 1)).toBe(true);
      for (const f of row.flags) {
        flagged++;
        expect(FLAGS).toContain(f.flag);
        expect(typeof f.reason).toBe('string');
        expect(f.reason.trim().length).toBeGreaterThan(0);
      }
    }
    expect(flagged).toBeGreaterThan(0);
    // Most flags first.
    const flagCounts = body.clients.map((r: Json) => r.flags.length);
    expect(flagCounts).toEqual([...flagCounts].sort((x, y) => y - x));

    expect(body.weeklyTrends).toHaveLength(26);
    const weeks: string[] = body.weeklyTrends.map((r: Json) => r.period);
    for (const w of weeks) expect(w).toMatch(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);
    expect(new Set(weeks).size).toBe(26);
    expect([...weeks].sort()).toEqual(weeks);
    // The as-of instant is the morning of Sunday 1 November 2026 in New York: the end of ISO week 44.
    expect(weeks.at(-1)).toBe('2026-W44');
    expect(weeks[0]).toBe('2026-W19');
    for (const row of body.weeklyTrends) expect(isCount(row.activeClients) && isCount(row.attended)).toBe(true);
  });

  it('appends an audit entry for every read, which the admin audit endpoint shows', async () => {
    const day = clock.now().toISOString().slice(0, 10);
    const reads = async () => {
      const { res, body } = await get(`/v1/admin/audit?day=${day}`, p.tokens.admin);
      expect(res.status).toBe(200);
      return (body.entries as { action: string }[]).filter((e) => e.action === 'caseload.read');
    };
    const before = await reads();
    const { res, body } = await get(`/v1/counselors/${counselorView.counselorId}/caseload`, tokens.counselor);
    expect(res.status).toBe(200);
    const after = await reads();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      at: clock.now().toISOString(),
      actor: 'counselor-riverside',
      role: 'counselor',
      scope: [RIVERSIDE],
      action: 'caseload.read',
      subject: { counselorId: counselorView.counselorId },
      purpose: 'treatment',
      rows: body.clients.length,
    });

    // A director reading it is audited as a director, for operations unless they say otherwise.
    clock.advance(1_000);
    expect((await get(`/v1/counselors/${counselorView.counselorId}/caseload`, tokens.director)).res.status).toBe(200);
    expect((await reads()).at(-1)).toMatchObject({ actor: 'dir-riverside', role: 'director', scope: [RIVERSIDE], subject: { counselorId: counselorView.counselorId }, purpose: 'operations' });
    clock.advance(1_000);
    expect((await get(`/v1/counselors/${counselorView.counselorId}/caseload?purpose=quality_improvement`, tokens.director)).res.status).toBe(200);
    expect((await reads()).at(-1)).toMatchObject({ actor: 'dir-riverside', purpose: 'quality_improvement' });
    // A purpose outside the list is a 400, and no read happens.
    const count = (await reads()).length;
    expect((await get(`/v1/counselors/${counselorView.counselorId}/caseload?purpose=curiosity`, tokens.director)).res.status).toBe(400);
    expect(await reads()).toHaveLength(count);
  });

  it('a counselor asking for another counselor gets 404, and nothing is audited', async () => {
    const day = clock.now().toISOString().slice(0, 10);
    const before = (await auditEntriesOn(p.db, day, 1_000)).entries.length;
    const { res } = await get(`/v1/counselors/${otherCounselorId}/caseload`, tokens.counselor);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await auditEntriesOn(p.db, day, 1_000)).entries.length).toBe(before);
    // The caseload does exist: the director sees it.
    expect((await get(`/v1/counselors/${otherCounselorId}/caseload`, tokens.director)).res.status).toBe(200);
  });

  it('a director naming a clinic outside their scope gets 404', async () => {
    const { res } = await get(`/v1/counselors/${counselorView.counselorId}/caseload?clinicId=prairie`, tokens.director);
    expect(res.status).toBe(404);
  });
});

describe('a clinic that was never aggregated', () => {
  it('answers 404 problem on every metrics endpoint', async () => {
    const put = await p.app.request('/v1/admin/clinics/newcomer', {
      method: 'PUT',
      headers: { ...bearer(p.tokens.admin), 'content-type': 'application/json' },
      body: JSON.stringify({ timeZone: 'Europe/Berlin', researchConsent: false }),
    });
    expect(put.status).toBe(200);
    const director = await p.sign({ role: 'director', clinics: ['newcomer'] }, 'dir-newcomer');
    for (const [path, token] of [
      ['/v1/clinics/newcomer/metrics', p.tokens.admin],
      ['/v1/clinics/newcomer/comparison', p.tokens.admin],
      ['/v1/clinics/newcomer/metrics', director],
      ['/v1/network/comparison', director],
      ['/v1/counselors/co-1/caseload', director],
    ] as const) {
      const { res, body } = await get(path, token);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('application/problem+json');
      expect(body, path).toMatchObject({ status: 404, title: 'Not found' });
    }
  });
});

describe('the endpoints serve stored views, never events', () => {
  it('an event ingested after the aggregation changes nothing until the next run', async () => {
    const paths = [
      `/v1/clinics/${RIVERSIDE}/metrics`,
      `/v1/clinics/${RIVERSIDE}/comparison`,
      '/v1/network/comparison',
      `/v1/counselors/${counselorView.counselorId}/caseload`,
    ];
    const read = async () => Promise.all(paths.map(async (path) => (await get(path, tokens.director)).body));
    const before = await read();

    const base = { clinicId: RIVERSIDE, clientId: 'late-arrival', counselorId: counselorView.counselorId };
    const events = [
      { ...base, id: 'late-arrival.enr', type: 'client.enrolled', occurredAt: '2026-10-20T10:00:00-04:00', gender: 'unknown', primarySubstance: 'alcohol', referral: 'self' },
      { ...base, id: 'late-arrival.ses', type: 'session.recorded', occurredAt: '2026-10-21T10:00:00-04:00', sessionId: 's1', status: 'attended' },
      { ...base, id: 'late-arrival.ses2', type: 'session.recorded', occurredAt: '2026-10-28T10:00:00-04:00', sessionId: 's2', status: 'attended' },
    ] as EventInput[];
    clock.advance(60_000);
    await ingest(p, network.keys, events);
    clock.advance(60_000);

    expect(await read()).toEqual(before);

    const next = await runAggregationNow();
    expect(next).toMatchObject({ status: 'completed', clinicsFailed: 0, eventsRead: events.length, clientsDerived: 1 });
    const [metrics, , , caseload] = await read();
    expect(metrics!.asOf).toBe(next.asOf);
    expect(metrics!.asOf).not.toBe(before[0]!.asOf);
    expect(metrics!.clients).toBe(before[0]!.clients + 1);
    const row = caseload!.clients.find((r: Json) => r.clientId === 'late-arrival');
    expect(row).toBeDefined();
    // Two attended sessions and no goal: the goal-setting conversation is due.
    expect(row.flags.map((f: Json) => f.flag)).toContain('no_goals');
    expect(caseload!.clients).toHaveLength(before[3]!.clients.length + 1);
  });
});

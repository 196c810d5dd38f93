// The network comparison end to end (SPEC §5, §7): events in through the ingest API for six clinics
// whose goal tables hold small cells in several strata, the aggregation run through the admin API,
// and the figures read back as every audience. The estimates must equal the statistics module on
// the full, unsuppressed tables in every view; the published cells must pass the disclosure audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDisclosure, type NetworkPattern, type NetworkRow, networkDisclosureProblem } from '../../functions/disclosure/index.js';
import type { EventInput } from '../../functions/events/schema.js';
import { crudeOddsRatio } from '../../functions/stats/crude-odds-ratio.js';
import { mantelHaenszelOddsRatio } from '../../functions/stats/mantel-haenszel.js';
import type { TwoByTwo } from '../../functions/stats/two-by-two.js';
import { getNetworkView } from '../../functions/store/network-view.js';
import { fakeClock } from '../support/fake-clock.js';
import { bearer } from '../support/requests.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON read loosely; the assertions check its shape.
type Json = Record<string, any>;
type Cells = [number, number, number, number];

const clock = fakeClock('2026-06-01T12:00:00.000Z');
// Per clinic, attainment cells (a, b, c, d: collaborative achieved / not, directive achieved / not);
// each goal is one client's, and a client is retained at 90 days unless its index is a multiple of 3.
const clinics: { clinicId: string; consent: boolean; attainment: Cells }[] = [
  { clinicId: 'north', consent: true, attainment: [3, 25, 14, 20] },
  { clinicId: 'south', consent: true, attainment: [20, 12, 6, 22] },
  { clinicId: 'east', consent: false, attainment: [15, 18, 12, 2] },
  { clinicId: 'west', consent: true, attainment: [22, 14, 16, 15] },
  { clinicId: 'harbor', consent: false, attainment: [12, 16, 20, 14] },
  { clinicId: 'valley', consent: true, attainment: [18, 9, 13, 19] },
  // The test platform's own two clinics, with no events: strata of no subjects.
  { clinicId: 'clinic-a', consent: true, attainment: [0, 0, 0, 0] },
  { clinicId: 'clinic-b', consent: false, attainment: [0, 0, 0, 0] },
];

let p: TestPlatform;
const get = async (path: string, token: string) => {
  const res = await p.app.request(path, { headers: bearer(token) });
  return { res, body: (await res.json()) as Json };
};
const admin = (path: string, method: string, body?: unknown) =>
  p.app.request(path, { method, headers: { ...bearer(p.tokens.admin), 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

async function runAggregation() {
  clock.advance(60_000);
  const res = await admin('/v1/admin/aggregations', 'POST');
  expect(res.status).toBe(202);
  await p.aggregation.idle();
}

function eventsOf(clinicId: string, [a, b, c, d]: Cells): EventInput[] {
  const goals = [
    ...Array.from({ length: a }, () => ['collaborative', 'achieved'] as const),
    ...Array.from({ length: b }, () => ['collaborative', 'not_achieved'] as const),
    ...Array.from({ length: c }, () => ['directive', 'achieved'] as const),
    ...Array.from({ length: d }, () => ['directive', 'not_achieved'] as const),
  ];
  return goals.flatMap(([mode, outcome], i) => {
    const base = { clinicId, clientId: `${clinicId}-${i}`, counselorId: 'co-1' };
    const id = (tag: string) => `${clinicId}-${i}-${tag}`;
    return [
      { ...base, id: id('enr'), type: 'client.enrolled', occurredAt: '2026-01-05T09:00:00Z', gender: 'unknown', primarySubstance: 'alcohol', referral: 'self' },
      { ...base, id: id('s1'), type: 'session.recorded', occurredAt: '2026-01-06T09:00:00Z', sessionId: 's1', status: 'attended' },
      { ...base, id: id('set'), type: 'goal.set', occurredAt: '2026-01-06T10:00:00Z', goalId: 'g', mode, domain: 'substance_use', weight: 1 },
      { ...base, id: id('clo'), type: 'goal.closed', occurredAt: '2026-02-06T10:00:00Z', goalId: 'g', outcome },
      ...(i % 3 === 0 ? [] : [{ ...base, id: id('s2'), type: 'session.recorded', occurredAt: '2026-04-20T09:00:00Z', sessionId: 's2', status: 'attended' }]),
    ] as EventInput[];
  });
}

/** The true tables, as the test built them. */
function trueTables(consenting: (c: (typeof clinics)[number]) => boolean) {
  const members = clinics.filter(consenting);
  const attainment = members.map(({ attainment: [a, b, c, d] }): TwoByTwo => ({ a, b, c, d }));
  const retention90 = members.map(({ attainment: [a, b, c, d] }) => {
    const retained = (from: number, count: number) => Array.from({ length: count }, (_, k) => from + k).filter((i) => i % 3 !== 0).length;
    const collaborative = retained(0, a + b);
    const directive = retained(a + b, c + d);
    return { a: collaborative, b: a + b - collaborative, c: directive, d: c + d - directive };
  });
  return { attainment, retention90 };
}

const rounded = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

function expectFiguresOf(body: Json, tables: Record<'attainment' | 'retention90', TwoByTwo[]>) {
  for (const figure of ['attainment', 'retention90'] as const) {
    const f = body.comparison[figure];
    const full = mantelHaenszelOddsRatio(tables[figure]);
    expect(f.stratified.strata).toBe(tables[figure].length);
    if (full.estimate === null) throw new Error('fixture: every full table has an estimate');
    const d = f.decimals ?? 2;
    // The decimals are reported by the stored figure; the body's estimate must be the full-table one at it.
    expect(f.stratified.estimate === null ? null : [f.stratified.estimate, f.stratified.lower, f.stratified.upper]).toEqual(
      f.stratified.estimate === null ? null : [rounded(full.estimate, d), rounded(full.lower, d), rounded(full.upper, d)],
    );
    if (f.network) {
      const crude = crudeOddsRatio(tables[figure]);
      expect(f.crude.estimate).toBe(rounded(crude.estimate!, d));
    }
  }
}

beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
  for (const c of clinics) {
    expect((await admin(`/v1/admin/clinics/${c.clinicId}`, 'PUT', { timeZone: 'UTC', researchConsent: c.consent })).status).toBe(200);
    const { secret } = await (await admin(`/v1/admin/clinics/${c.clinicId}/ingest-keys`, 'POST')).json();
    const events = eventsOf(c.clinicId, c.attainment);
    for (let i = 0; i < events.length; i += 100) {
      const res = await p.app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': secret }, body: JSON.stringify({ events: events.slice(i, i + 100) }) });
      expect(res.status).toBe(200);
    }
  }
  await runAggregation();
}, 120_000);

afterAll(() => p.close());

describe('GET /v1/network/comparison end to end', () => {
  it('every view reports the statistics of the full unsuppressed table of its population', async () => {
    const everyone = trueTables(() => true);
    const director = await p.sign({ role: 'director', clinics: ['north'] }, 'dir-north');
    for (const token of [p.tokens.admin, director]) {
      const { res, body } = await get('/v1/network/comparison', token);
      expect(res.status).toBe(200);
      expect(body.comparison.clinics).toBe(clinics.length);
      expectFiguresOf(body, everyone);
    }
    const { body } = await get('/v1/network/comparison', p.tokens.researcher);
    expect(body.view).toBe('research');
    expect(body.comparison.clinics).toBe(clinics.filter((c) => c.consent).length);
    expectFiguresOf(body, trueTables((c) => c.consent));
  });

  it('every director sees the same figures and cells; only the names of their own clinics differ', async () => {
    const views = await Promise.all(['north', 'east', 'valley'].map(async (id) => (await get('/v1/network/comparison', await p.sign({ role: 'director', clinics: [id] }, `dir-${id}`))).body));
    const { body: adminView } = await get('/v1/network/comparison', p.tokens.admin);
    const cellsOf = (b: Json) => b.comparison.attainment.clinics.map((r: Json) => JSON.stringify([r.cells, r.total])).sort();
    for (const [i, id] of ['north', 'east', 'valley'].entries()) {
      const v = views[i]!;
      expect(v.view).toBe('director');
      expect({ stratified: v.comparison.attainment.stratified, crude: v.comparison.attainment.crude }).toEqual({ stratified: adminView.comparison.attainment.stratified, crude: adminView.comparison.attainment.crude });
      expect(cellsOf(v)).toEqual(cellsOf(adminView));
      const labels = v.comparison.attainment.clinics.map((r: Json) => r.clinic);
      expect(labels[0]).toBe(id);
      expect(v.comparison.attainment.clinics[0].own).toBe(true);
      expect(labels.slice(1)).toEqual(Array.from({ length: clinics.length - 1 }, (_, k) => `Clinic ${String.fromCharCode(65 + k)}`));
      expect(JSON.stringify(v)).not.toMatch(new RegExp(clinics.filter((c) => c.clinicId !== id).map((c) => c.clinicId).join('|')));
    }
  });

  it('labels a hidden entry only `suppressed`, publishes no count of 1–10, and the stored pattern passes the audit', async () => {
    const { body } = await get('/v1/network/comparison', p.tokens.admin);
    const entries = ['attainment', 'retention90'].flatMap((f) => [...body.comparison[f].clinics, ...(body.comparison[f].network ? [body.comparison[f].network] : [])]).flatMap((r: Json) => [...Object.values(r.cells), r.total]) as Json[];
    expect(entries.filter((e) => e.suppressed).length).toBeGreaterThan(0);
    for (const e of entries) {
      if (e.suppressed) expect(e).toEqual({ count: null, suppressed: true });
      else expect(e.count === 0 || e.count >= 11).toBe(true);
    }
    const stored = (await getNetworkView(p.db, 'all'))!;
    for (const figure of ['attainment', 'retention90'] as const) {
      const truth = trueTables(() => true)[figure];
      const rows: NetworkRow[] = stored.breakdown.map((r) => {
        const k = clinics.findIndex((c) => c.clinicId === r.clinicId);
        const { a, b, c, d } = truth[k]!;
        return { clinicId: r.clinicId, consenting: r.consenting, cells: [a, b, c, d] };
      });
      const research = (await getNetworkView(p.db, 'research'))!;
      const pattern: NetworkPattern = {
        hiddenCells: stored.breakdown.map((r) => r.lines[figure].slice(0, 4).map((v) => v === null)),
        hiddenTotals: stored.breakdown.map((r) => r.lines[figure][4] === null),
        networkPublished: { all: stored.figures[figure].network !== null, research: research.figures[figure].network !== null },
      };
      // Every shown count is the true one.
      for (const [k, r] of stored.breakdown.entries()) {
        const truth = [...rows[k]!.cells, rows[k]!.cells.reduce((s, x) => s + x, 0)];
        for (const [j, v] of r.lines[figure].entries()) if (v !== null) expect(v).toBe(truth[j]);
      }
      const report = await auditDisclosure(networkDisclosureProblem(rows, pattern));
      expect(report.violations).toEqual([]);
    }
  });

  it('a director of several clinics: breakdown withheld until a run has protected against their scope', async () => {
    const token = await p.sign({ role: 'director', clinics: ['south', 'west'] }, 'dir-two');
    const first = (await get('/v1/network/comparison', token)).body;
    expect(first.comparison.attainment.clinics).toEqual([]);
    expect(first.comparison.attainment.breakdownWithheld).toMatch(/next aggregation run/);
    expect(first.comparison.attainment.stratified).toEqual((await get('/v1/network/comparison', p.tokens.admin)).body.comparison.attainment.stratified);
    // The next run with any clinic work runs the network step (with 10,000 clinics, every run):
    // here one new enrolment, which changes neither table.
    const { secret } = await (await admin('/v1/admin/clinics/harbor/ingest-keys', 'POST')).json();
    const enrolment = { id: 'late-enr', type: 'client.enrolled', clinicId: 'harbor', clientId: 'late', counselorId: 'co-1', occurredAt: '2026-05-30T09:00:00Z', gender: 'unknown', primarySubstance: 'alcohol', referral: 'self' };
    expect((await p.app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': secret }, body: JSON.stringify({ events: [enrolment] }) })).status).toBe(200);
    await runAggregation();
    const next = (await get('/v1/network/comparison', token)).body;
    expect(next.comparison.attainment.breakdownWithheld).toBeNull();
    expect(next.comparison.attainment.clinics.slice(0, 2).map((r: Json) => r.clinic).sort()).toEqual(['south', 'west']);
    expect(next.comparison.attainment.clinics.filter((r: Json) => r.own)).toHaveLength(2);
  });

  it('a change of research consent shows at the next run, with no new event', async () => {
    const before = (await get('/v1/network/comparison', p.tokens.researcher)).body;
    expect((await admin('/v1/admin/clinics/east', 'PUT', { timeZone: 'UTC', researchConsent: true })).status).toBe(200);
    await runAggregation();
    const after = (await get('/v1/network/comparison', p.tokens.researcher)).body;
    expect(after.comparison.clinics).toBe(before.comparison.clinics + 1);
    expect(after.asOf).not.toBe(before.asOf);
    expectFiguresOf(after, trueTables((c) => c.consent || c.clinicId === 'east'));
  });
});

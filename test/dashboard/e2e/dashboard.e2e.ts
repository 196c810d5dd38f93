// The dashboard in Debian's Chromium against the real local platform with the demo data: every
// role signs in through the page, the charts paint, every table alternative says what the API
// says, scopes hold when the URL is edited, axe-core finds nothing serious, and each view is
// screenshotted. Load figures (first chart, API calls, bundle size) are printed, not asserted on
// time; BENCHMARKS.md records them.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chartsPainted, launchBrowser, seriousViolations, signInAs, TOKEN_KEY, tableRows } from './browser.js';
import { startDashboardPlatform } from './dashboard-platform.js';
import { DIST, readManifest } from '../../../dashboard/build.js';
import { count, decimal, percent } from '../../../dashboard/src/format/numbers.js';
import type {
  BreakdownRow,
  NetworkFigure,
  TrendRow,
  CaseloadResponse,
  ClientTimelineResponse,
  ClinicComparisonResponse,
  ClinicMetricsResponse,
  NetworkComparisonResponse,
  PublishedCount,
  AggregationOverviewResponse,
  AggregationRunResponse,
  AggregationStartedResponse,
  IngestKeyListResponse,
} from '../../../functions/api/contract.js';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');
const JS_BUDGET_GZIP = 150 * 1024;
const MAX_CALLS_ON_FIRST_LOAD = 5;

let platform: Awaited<ReturnType<typeof startDashboardPlatform>>;
let browser: Browser;
let page: Page;
const loads: { view: string; apiCalls: number; firstChartMs: number | null; layoutShift: number }[] = [];

beforeAll(async () => {
  [platform, browser] = await Promise.all([startDashboardPlatform(), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => {
    throw error;
  });
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await platform?.close();
  if (loads.length > 0) {
    console.log('\nDashboard first loads (local platform, demo data, Chromium 1440×900):');
    for (const l of loads) {
      const chart = l.firstChartMs === null ? '—' : `${l.firstChartMs.toFixed(0)} ms`;
      console.log(`  ${l.view.padEnd(22)} ${String(l.apiCalls).padStart(2)} API calls   first chart ${chart.padStart(6)}   layout shift ${l.layoutShift.toFixed(3)}`);
    }
  }
});

const signIn = (personId: string) => signInAs(page, platform.baseUrl, personId);

/** A fresh page load of a view, counting its API calls and timing its first chart. */
async function visit(hash: string, name: string) {
  const calls: string[] = [];
  const onRequest = (request: { url(): string }) => {
    if (new URL(request.url()).pathname.startsWith('/v1/')) calls.push(request.url());
  };
  await page.goto('about:blank');
  page.on('request', onRequest);
  await page.goto(`${platform.baseUrl}/${hash}`);
  await page.waitForSelector('main[data-ready]');
  page.off('request', onRequest);
  const firstChartMs = await page.evaluate(() => performance.getEntriesByName('first-chart')[0]?.startTime ?? null);
  // Cumulative layout shift of the load (Chromium's Layout Instability API).
  const layoutShift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => resolve(list.getEntries().reduce((sum, e) => sum + (e as unknown as { value: number }).value, 0))).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(0), 200);
      }),
  );
  loads.push({ view: name, apiCalls: calls.length, firstChartMs, layoutShift });
  return { calls, firstChartMs, layoutShift };
}

async function api<T>(token: string, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${platform.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as T };
}

async function checkView(name: string) {
  const charts = await chartsPainted(page);
  for (const chart of charts) expect(chart).toMatchObject({ painted: true });
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  return charts.length;
}

const published = (p: PublishedCount) => (p.count === null ? 'suppressed' : count(p.count));
const benchmarkRow = (row: BreakdownRow) => [
  row.own ? `${row.clinic} (yours)` : row.clinic,
  published(row.cells.a),
  published(row.cells.b),
  percent(row.collaborativeRate),
  published(row.cells.c),
  published(row.cells.d),
  percent(row.directiveRate),
  published(row.total),
];
const oddsText = (e: NetworkFigure['crude'] | NetworkFigure['stratified'], decimals: number | null) =>
  e.estimate === null ? `not available: ${e.reason}` : e.estimate.toFixed(decimals ?? 2);
/** The rows a benchmark table shows: the clinics, then the network row unless it is withheld. */
const shownRows = (figure: NetworkFigure) => [...figure.clinics, ...(figure.network ? [figure.network] : [])];
const activityRow = (r: TrendRow) => [r.period, `${count(r.activeClients)}${r.activeClients > 0 && r.activeClients < 11 ? ' low n' : ''}`, count(r.attended), count(r.noShow), percent(r.attendanceRate)];

describe('the dashboard in a real browser', () => {
  it('ships at most 150 KB of JavaScript gzipped, in hashed files', async () => {
    const manifest = (await readManifest())!;
    const scripts = manifest.files.filter((f) => f.endsWith('.js'));
    for (const f of scripts) expect(f).toMatch(/^\/assets\/[a-z]+-[A-Z0-9]{8}\.js$/);
    let total = 0;
    for (const f of scripts) total += gzipSync(await readFile(join(DIST, f)), { level: 9 }).length;
    console.log(`Dashboard JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${scripts.length} files (budget 150 KB).`);
    expect(total).toBeLessThanOrEqual(JS_BUDGET_GZIP);
  });

  it('signs each role in from the local sign-in page, shows only their views, and signs out', async () => {
    await page.goto(`${platform.baseUrl}/`);
    await page.waitForSelector('main[data-ready="sign-in"]');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png') });
    const expected = { 'demo-director': ['director', ['Clinic']], 'demo-counselor': ['counselor', ['My caseload']], 'demo-researcher': ['researcher', ['Network']], 'demo-admin': ['admin', ['Administration']] } as const;
    for (const [person, [view, nav]] of Object.entries(expected)) {
      const token = await signIn(person);
      expect(await page.getAttribute('main', 'data-ready')).toBe(view);
      expect(await page.$$eval('#nav a', (links) => links.map((a) => a.textContent))).toEqual(nav);
      const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
      expect(payload.exp - payload.iat).toBeLessThanOrEqual(24 * 3600);
      await page.click('#account button');
      await page.waitForSelector('main[data-ready="sign-in"]');
      expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBeNull();
    }
  });

  it('director: tiles, comparisons with intervals and captions, network, trends and counselors, each table equal to the API', async () => {
    const token = await signIn('demo-director');
    const clinic = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).clinics[0] as string;
    const { calls, layoutShift } = await visit('#/director', 'director');
    expect(calls.length).toBeLessThanOrEqual(MAX_CALLS_ON_FIRST_LOAD);
    // "Good" cumulative layout shift is below 0.1 (web.dev/cls).
    expect(layoutShift).toBeLessThan(0.1);
    expect(await checkView('director')).toBeGreaterThanOrEqual(5);

    const comparison = (await api<ClinicComparisonResponse>(token, `/v1/clinics/${clinic}/comparison`)).body.comparison;
    const proportions = await tableRows(page, '#comparison-proportions table');
    expect(proportions.map((r) => r[2])).toEqual([
      percent(comparison.attainment.collaborative.estimate),
      percent(comparison.attainment.directive.estimate),
      percent(comparison.retention90.collaborative.estimate),
      percent(comparison.retention90.directive.estimate),
    ]);
    // Attainment counts goals; 90-day retention counts episodes of care.
    expect(proportions.map((r) => r[4])).toEqual([
      `${comparison.attainment.collaborative.events} of ${comparison.attainment.collaborative.n} goals`,
      `${comparison.attainment.directive.events} of ${comparison.attainment.directive.n} goals`,
      `${comparison.retention90.collaborative.events} of ${comparison.retention90.collaborative.n} episodes`,
      `${comparison.retention90.directive.events} of ${comparison.retention90.directive.n} episodes`,
    ]);
    const means = await tableRows(page, '#comparison-means table');
    expect(means.map((r) => [r[1], r[3]])).toEqual(
      [comparison.gasTScore, comparison.waiSrTotal, comparison.orsChange].map((e) => [decimal(e.mean1), decimal(e.mean2)]),
    );
    const captions = await page.$$eval('#comparison-proportions .caption', (ps) => ps.map((p) => p.textContent ?? ''));
    expect(captions[0]).toContain(`${comparison.attainment.collaborative.n} vs ${comparison.attainment.directive.n} goals`);
    expect(captions[0]).toMatch(/95% CI −?\d+ to −?\d+/);

    const networkResponse = (await api<NetworkComparisonResponse>(token, `/v1/network/comparison?clinicId=${clinic}`)).body;
    expect(networkResponse.view).toBe('director');
    const network = networkResponse.comparison;
    const figures = [network.attainment, network.retention90];
    const benchmarks = await page.$$eval('#network-benchmark table', (tables) =>
      tables.map((t) => [...(t as HTMLTableElement).tBodies[0]!.rows].map((row) => [...row.cells].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()))),
    );
    expect(benchmarks.map((rows) => rows.map((r) => r.map((cell) => cell.replace(' low n', ''))))).toEqual(
      figures.filter((f) => shownRows(f).length > 0).map((f) => shownRows(f).map(benchmarkRow)),
    );
    // The director's own clinic is named and first; a withheld part is there as its reason.
    expect(network.attainment.clinics[0]).toMatchObject({ clinic, own: true });
    const withheld = await page.$$eval('#network-benchmark .withheld', (ps) => ps.map((p) => p.textContent ?? ''));
    expect(withheld).toEqual(
      figures.flatMap((f, i) => [
        ...(f.breakdownWithheld === null ? [] : [`${['Goal attainment', '90-day retention'][i]}: the breakdown by clinic is withheld (${f.breakdownWithheld}).`]),
        ...(f.networkWithheld === null ? [] : [`${['Goal attainment', '90-day retention'][i]}: the network totals row is withheld (${f.networkWithheld}).`]),
      ]),
    );
    const odds = await tableRows(page, '#network-odds table');
    expect(odds.map((r) => [r[1], r[4]])).toEqual(figures.map((f) => [oddsText(f.crude, f.decimals), oddsText(f.stratified, f.decimals)]));

    // The table alternative is reachable by keyboard, and its CSV is exactly what it shows.
    await page.focus('main');
    let focused = '';
    for (let presses = 0; presses < 40 && focused !== 'SUMMARY'; presses++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.tagName ?? '');
    }
    expect(focused).toBe('SUMMARY');
    await page.keyboard.press('Enter');
    expect(await page.$eval('#comparison-proportions details', (d) => (d as HTMLDetailsElement).open)).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#comparison-proportions details button')]);
    expect(download.suggestedFilename()).toBe('comparison-proportions.csv');
    const csv = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n').map((line) => line.split(','));
    const shown = await page.$eval('#comparison-proportions table', (t) => [...(t as HTMLTableElement).rows].map((r) => [...r.cells].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())));
    expect(csv).toEqual(shown);

    const metrics = (await api<ClinicMetricsResponse>(token, `/v1/clinics/${clinic}/metrics`)).body;
    const counselors = await tableRows(page, '#counselors table');
    expect(counselors.map((r) => [r[0], r[1]!.replace(' low n', '')])).toEqual(metrics.counselors.map((c) => [c.counselorId, count(c.metrics.clients)]));
    await page.click('#counselors th:nth-child(2) button');
    const sorted = (await tableRows(page, '#counselors table')).map((r) => Number(r[1]!.replace(/\D/g, '')));
    expect(sorted).toEqual([...sorted].sort((a, b) => a - b));

    // The date range: the trend tables show exactly the months the API returns for it.
    const [from, to] = [metrics.monthlyTrends.at(-6)!.period, metrics.monthlyTrends.at(-2)!.period];
    await page.fill('#range-from', from);
    await page.fill('#range-to', to);
    await page.click('form.range button[type="submit"]');
    await page.waitForFunction((f) => location.hash.includes(`from=${f}`) && document.querySelector('main')?.dataset.ready === 'director', from);
    const ranged = (await api<ClinicMetricsResponse>(token, `/v1/clinics/${clinic}/metrics?from=${from}&to=${to}`)).body.monthlyTrends;
    expect(await tableRows(page, '#trend-goals-set table')).toEqual(ranged.map((r) => [r.period, count(r.goalsSet.collaborative), count(r.goalsSet.directive)]));
    expect(await tableRows(page, '#trend-goals-achieved table')).toEqual(ranged.map((r) => [r.period, count(r.goalsAchieved.collaborative), count(r.goalsAchieved.directive)]));
    expect(await tableRows(page, '#trend-activity table')).toEqual(ranged.map(activityRow));
    expect(ranged).toHaveLength(5);
  });

  it('director: the clinic page prints on one page', async () => {
    await signIn('demo-director');
    await visit('#/director', 'director (print)');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
  });

  it('counselor: caseload with flags and reasons, 26 weeks, a client timeline; nobody else’s caseload or client by URL', async () => {
    const token = await signIn('demo-counselor');
    const me = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { counselorId: string; clinics: string[] };
    const { calls } = await visit('#/counselor', 'counselor');
    expect(calls.length).toBeLessThanOrEqual(MAX_CALLS_ON_FIRST_LOAD);
    expect(await checkView('counselor')).toBe(2);
    const caseload = (await api<CaseloadResponse>(token, `/v1/counselors/${me.counselorId}/caseload`)).body;
    const rows = await tableRows(page, '#caseload table');
    expect(rows.map((r) => r[0])).toEqual(caseload.clients.map((c) => c.clientId));
    expect(rows.map((r) => r[4])).toEqual(caseload.clients.map((c) => percent(c.attendanceRate)));
    const flagged = caseload.clients.find((c) => c.flags.length > 0)!;
    const flaggedRow = rows.find((r) => r[0] === flagged.clientId)!;
    for (const flag of flagged.flags) expect(flaggedRow[8]).toContain(flag.reason);
    expect(await tableRows(page, '#week-activity table')).toEqual(caseload.weeklyTrends.map(activityRow));
    expect(caseload.weeklyTrends).toHaveLength(26);

    // A client with reviewed goals, reached by its link in the caseload.
    const reviewed = caseload.clients.find((c) => c.gasTScore !== null)!;
    await page.click(`#caseload a[href$="/${reviewed.clientId}"]`);
    await page.waitForSelector('main[data-ready="counselor"] #client-gas');
    const { calls: timelineCalls } = await visit(`#/counselor/${me.counselorId}/clients/${reviewed.clientId}`, 'client timeline');
    expect(timelineCalls).toHaveLength(1);
    expect(await checkView('client-timeline')).toBe(3);
    const timeline = (await api<ClientTimelineResponse>(token, `/v1/counselors/${me.counselorId}/clients/${reviewed.clientId}/timeline`)).body;
    expect(await tableRows(page, '#client-gas table')).toEqual(timeline.goals.flatMap((g) => g.levels.map((l) => [g.goalId, g.mode, l.at.slice(0, 10), String(l.level)])));
    const months = [...new Set(timeline.sessions.map((x) => x.at.slice(0, 7)))].sort();
    const inMonth = (month: string, status: string) => String(timeline.sessions.filter((x) => x.at.startsWith(month) && x.status === status).length);
    expect(await tableRows(page, '#client-sessions table')).toEqual(months.map((m) => [m, inMonth(m, 'attended'), inMonth(m, 'no_show')]));

    // Someone else's caseload and someone else's client: the same "not found", and no client row.
    const directorToken = await signIn('demo-director');
    const metrics = (await api<ClinicMetricsResponse>(directorToken, `/v1/clinics/${me.clinics[0]}/metrics`)).body;
    const other = metrics.counselors.find((c) => c.counselorId !== me.counselorId)!.counselorId;
    const othersClient = (await api<CaseloadResponse>(directorToken, `/v1/counselors/${other}/caseload`)).body.clients[0]!.clientId;
    await signIn('demo-counselor');
    for (const hash of [`#/counselor/${other}`, `#/counselor/${other}/clients/${othersClient}`, `#/counselor/${me.counselorId}/clients/${othersClient}`]) {
      await visit(hash, 'counselor, edited URL');
      expect(await page.textContent('main')).toContain('Not found');
      expect(await page.$$('#caseload tbody tr, canvas')).toHaveLength(0);
      expect(await page.textContent('main')).not.toContain(othersClient === '' ? '\u0000' : `${othersClient} `);
    }
  });

  it('researcher: the network over consenting clinics, never a client-level row', async () => {
    const token = await signIn('demo-researcher');
    const { calls } = await visit('#/researcher', 'researcher');
    // The network comparison and the researcher's own exports, side by side.
    expect(calls.map((u) => new URL(u).pathname).sort()).toEqual(['/v1/exports', '/v1/network/comparison']);
    expect(await checkView('researcher')).toBe(3);
    const network = (await api<NetworkComparisonResponse>(token, '/v1/network/comparison')).body;
    const rows = await tableRows(page, '#research-benchmark table');
    expect(network.view).toBe('research');
    expect(rows.map((r) => r[0])).toEqual(shownRows(network.comparison.attainment).map((c) => c.clinic));
    // No client id anywhere: clients are "c" + digits in the demo data; clinics are lettered.
    expect(await page.textContent('main')).not.toMatch(/\bc\d{6}\b/);
    expect(await page.$('#exports')).not.toBeNull();
    // Editing the URL to a caseload leads back to the researcher's own page, with no call made.
    const { calls: edited } = await visit('#/counselor/riverside.co001', 'researcher, edited URL');
    expect(edited.filter((u) => u.includes('/counselors/'))).toEqual([]);
    await page.waitForSelector('main[data-ready="researcher"]');
  });

  it('times the first chart of each chart view against the arrival of its data (printed for BENCHMARKS.md)', async () => {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const lines: string[] = [];
    for (const [person, hash] of [['demo-director', '#/director'], ['demo-counselor', '#/counselor'], ['demo-researcher', '#/researcher']] as const) {
      await signIn(person);
      const chart: number[] = [];
      const data: number[] = [];
      for (let run = 0; run < 5; run++) {
        const { firstChartMs } = await visit(hash, `${hash.slice(2)} (timing)`);
        // The baseline: when the last API response of the load had arrived.
        const dataIn = await page.evaluate(() =>
          Math.max(...performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/')).map((e) => (e as PerformanceResourceTiming).responseEnd)),
        );
        expect(firstChartMs).not.toBeNull();
        chart.push(firstChartMs!);
        data.push(dataIn);
      }
      lines.push(`  ${hash.padEnd(14)} first chart ${median(chart).toFixed(0).padStart(4)} ms (median of 5)   data in ${median(data).toFixed(0).padStart(4)} ms   ratio ${(median(chart) / median(data)).toFixed(2)}`);
    }
    console.log(`First chart after navigation (Performance API mark 'first-chart'):\n${lines.join('\n')}`);
  });

  it('admin: clinics, an ingest key shown once and listed, freshness by clinic, the aggregation run polled to its report, the audit log by day', async () => {
    const adminToken = await signIn('demo-admin');
    const { calls } = await visit('#/admin', 'admin');
    expect(calls.length).toBeLessThanOrEqual(MAX_CALLS_ON_FIRST_LOAD);
    await checkView('admin');
    // Freshness by clinic says what the API says, failing and stale clinics first.
    const freshness = async () => {
      const overview = (await api<AggregationOverviewResponse>(adminToken, '/v1/admin/aggregations')).body;
      const order = { failing: 0, stale: 1, fresh: 2 } as const;
      expect((await tableRows(page, '#freshness table')).map((r) => [r[0], r[1]])).toEqual(
        [...overview.clinics].sort((x, y) => order[x.status] - order[y.status] || x.clinicId.localeCompare(y.clinicId)).map((c) => [c.clinicId, c.status]),
      );
      return overview.clinics.map((c) => c.clinicId);
    };
    expect(await freshness()).not.toContain('e2e-clinic');
    const auditRows = async () => ((await page.$('#audit table')) ? tableRows(page, '#audit table') : []);
    const keyCreated = (rows: string[][]) => rows.some((r) => r[3] === 'ingest-key.create' && r[4] === 'e2e-clinic');
    expect(keyCreated(await auditRows())).toBe(false);

    await page.fill('#new-clinic-id', 'e2e-clinic');
    await page.fill('#new-clinic-zone', 'Europe/Berlin');
    await page.click('form[aria-label="New clinic"] button[type="submit"]');
    await page.waitForSelector('#clinics th:text("e2e-clinic")');
    await page.click('#clinics tr:has(th:text("e2e-clinic")) button:text("Ingest keys")');
    await page.click('#ingest-keys button:text("Create a key")');
    const secret = await page.textContent('#ingest-keys .secret-value');
    expect(secret).toMatch(/^ok_/);
    const keys = (await api<IngestKeyListResponse>(adminToken, '/v1/admin/clinics/e2e-clinic/ingest-keys')).body.keys;
    expect(keys).toHaveLength(1);
    await page.waitForSelector(`#ingest-keys li:has-text("${keys[0]!.keyId}") button:text("Revoke")`);

    // The new clinic has no figures before a run reaches it: its page says so plainly instead of failing.
    await visit('#/director?clinic=e2e-clinic', 'director, empty clinic');
    expect(await page.textContent('main .state-empty')).toContain('No figures for this clinic yet');
    expect(await page.$$('.state-error')).toHaveLength(0);

    // Read again, the admin page lists the key's creation in today's audit log and the new clinic's freshness.
    await visit('#/admin', 'admin (again)');
    expect(keyCreated(await auditRows())).toBe(true);
    expect(await freshness()).toContain('e2e-clinic');

    // Run now answers 202 with a run id and the page polls it. Its waits run on the page's fake
    // clock, moved on by hand after each poll has been shown: no real time is slept for them.
    await page.clock.install();
    const runPath = /\/v1\/admin\/aggregations\/[0-9a-f-]{36}$/;
    const nextPoll = () => page.waitForResponse((r) => runPath.test(new URL(r.url()).pathname));
    let poll = nextPoll();
    const [started] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/admin/aggregations' && r.request().method() === 'POST'), page.click('#aggregation button')]);
    expect(started.status()).toBe(202);
    const { runId } = (await started.json()) as AggregationStartedResponse;
    let polls = 0;
    for (;;) {
      const run = (await (await poll).json()) as AggregationRunResponse;
      polls += 1;
      expect(run.runId).toBe(runId);
      if (run.status === 'completed' || run.status === 'failed') break;
      await page.waitForSelector(`#aggregation [role="status"]:text("Run ${runId}: ${run.status}…")`);
      poll = nextPoll();
      await page.clock.runFor(5000);
    }
    await page.clock.resume();
    await page.waitForSelector('#aggregation dl.report');
    const finished = (await api<AggregationRunResponse>(adminToken, `/v1/admin/aggregations/${runId}`)).body;
    expect(finished.status).toBe('completed');
    expect(await page.textContent('#aggregation dl.report')).toContain(`Events read${count(finished.report!.eventsRead)}`);
    console.log(`Run now: ${polls} poll(s) until the run completed.`);
    // After the run the page reads the freshness again, as the API has it now.
    await page.waitForSelector('#aggregation p:text("Last run (just now):")');
    await freshness();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-after-actions.png'), fullPage: true });

    // Once the run has reached it, the clinic without events shows its zero figures, not an error.
    await visit('#/director?clinic=e2e-clinic', 'director, clinic without events');
    expect(await page.textContent('main .as-of')).toContain('0 clients');
    expect(await page.$$('.state-error')).toHaveLength(0);
  });

  it('shows a loading state that keeps its place, then the page; and an error state when the API fails', async () => {
    await signIn('demo-researcher');
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/v1/network/comparison*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('about:blank');
    await page.goto(`${platform.baseUrl}/#/researcher`);
    await page.waitForSelector('main [aria-busy="true"] .placeholder');
    expect(await page.getAttribute('main', 'data-ready')).toBeNull();
    release();
    await page.waitForSelector('main[data-ready="researcher"] canvas');
    await page.unroute('**/v1/network/comparison*');

    await page.route('**/v1/network/comparison*', (route) =>
      route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Service unavailable', status: 503, detail: 'Try again shortly.' }) }),
    );
    await visit('#/researcher', 'researcher, API down');
    expect(await page.textContent('main [role="alert"]')).toContain('Service unavailable: Try again shortly.');
    await page.unroute('**/v1/network/comparison*');
  });
});

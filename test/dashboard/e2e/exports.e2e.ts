// The researcher's export page in Debian's Chromium against the real local platform with the demo
// data: with research consent switched on for two clinics (through the admin API), a researcher
// requests an export from the page, watches it run to completion, reads its manifest summary and
// downloads a file whose bytes are the API's. Nobody else sees the page, and the API says 403 to
// them. axe-core finds nothing serious; the page is screenshotted.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousViolations, signInAs, tableRows } from './browser.js';
import { startDashboardPlatform } from './dashboard-platform.js';
import type { ClinicListResponse, ExportListResponse, ExportView } from '../../../functions/api/contract.js';
import { count } from '../../../dashboard/src/format/numbers.js';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

let dataDir: string;
let platform: Awaited<ReturnType<typeof startDashboardPlatform>>;
let browser: Browser;
let page: Page;
let consenting: string[];

async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${platform.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const signIn = (personId: string) => signInAs(page, platform.baseUrl, personId);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'exports-e2e-'));
  [platform, browser] = await Promise.all([startDashboardPlatform({ DATA_DIR: dataDir }), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (error) => {
    throw error;
  });
  // Research consent on for the first two clinics only, as an admin does it.
  const admin = await signIn('demo-admin');
  const { clinics } = (await call<ClinicListResponse>(admin, 'GET', '/v1/admin/clinics')).body;
  consenting = clinics.slice(0, 2).map((c) => c.clinicId);
  for (const clinic of clinics) {
    const saved = await call(admin, 'PUT', `/v1/admin/clinics/${clinic.clinicId}`, { timeZone: clinic.timeZone, researchConsent: consenting.includes(clinic.clinicId) });
    expect(saved.status).toBe(200);
  }
});

afterAll(async () => {
  await browser?.close();
  await platform?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** What the page shows of the exports while they change: status texts and progress values, in order. */
const recordExportStates = () =>
  page.evaluate(() => {
    const seen: { status: string; progress: number | null }[] = [];
    (window as unknown as { exportStates: typeof seen }).exportStates = seen;
    const list = document.querySelector('#exports')!;
    new MutationObserver(() => {
      const item = list.querySelector('.export');
      if (!item) return;
      const status = item.querySelector('.export-status')?.textContent ?? '';
      const progress = item.querySelector('progress')?.value ?? null;
      const last = seen.at(-1);
      if (!last || last.status !== status || last.progress !== progress) seen.push({ status, progress });
    }).observe(list, { childList: true, subtree: true, characterData: true, attributes: true });
  });

describe('the researcher’s export page', () => {
  it('requests an export with the form, follows it to completion, summarises it and downloads a file equal to the API’s', async () => {
    const token = await signIn('demo-researcher');
    await page.goto(`${platform.baseUrl}/#/researcher`);
    await page.waitForSelector('main[data-ready="researcher"] #exports');
    expect(await page.textContent('#exports .state-empty')).toContain('No exports yet');
    expect(await seriousViolations(page)).toEqual([]);

    // A mistake is shown beside its field, takes the focus, and sends nothing.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/exports') posts.push(r.url());
    });
    await page.fill('#export-protocolRef', 'study of one client');
    await page.click('#exports button[type="submit"]');
    expect(await page.textContent('#export-protocolRef-error')).toContain('a reference, not a description');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-protocolRef');
    expect(await page.getAttribute('#export-protocolRef', 'aria-invalid')).toBe('true');
    expect(posts).toEqual([]);

    // The API's own refusal (a clinic without consent is 404) is shown under the form; nothing is listed.
    await page.fill('#export-protocolRef', 'IRB-2026-0042');
    await page.fill('#export-clinics', 'no-such-clinic');
    await page.click('#exports button[type="submit"]');
    await page.waitForSelector('#exports .export-form [role="status"] [role="alert"]');
    expect(await page.textContent('#exports .export-form [role="status"]')).toContain('Could not request the export. Not found: No consenting clinic with id no-such-clinic.');
    expect(await page.$('#exports .export')).toBeNull();
    expect(posts).toHaveLength(1);

    // The form, by keyboard where it matters: type the reference, choose CSV, submit with Enter.
    await page.fill('#export-clinics', '');
    await page.selectOption('#export-purpose', 'research');
    await page.check('#export-format-csv');
    await recordExportStates();
    await page.focus('#export-protocolRef');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#exports .export .status-complete', { timeout: 60_000 });
    expect(posts).toHaveLength(2);
    expect(await page.textContent('#exports .export-announcer')).toBe('Export complete.');
    expect(await page.textContent('#export-protocolRef-error')).toBe('');
    // The new export took the focus, and was seen running with a progress bar before completing.
    expect(await page.evaluate(() => document.activeElement?.closest('.export') !== null)).toBe(true);
    const states = await page.evaluate(() => (window as unknown as { exportStates: { status: string; progress: number | null }[] }).exportStates);
    expect(states.at(-1)).toEqual({ status: 'Complete', progress: null });
    const running = states.filter((s) => s.status.startsWith('Running'));
    expect(running.length).toBeGreaterThan(0);
    expect(running.every((s) => s.progress !== null && s.status === `Running: ${s.progress}%`)).toBe(true);

    // The page says what the API says: two consenting clinics, rows per table, what was protected.
    const { exports } = (await call<ExportListResponse>(token, 'GET', '/v1/exports')).body;
    expect(exports).toHaveLength(1);
    const view = (await call<ExportView>(token, 'GET', `/v1/exports/${exports[0]!.exportId}`)).body;
    expect(view).toMatchObject({ status: 'complete', clinics: 2, parameters: { purpose: 'research', protocolRef: 'IRB-2026-0042', profile: 'safe_harbor', format: 'csv' } });
    expect(await page.textContent('#exports .export')).toContain('2 consenting clinics');
    const rows = await tableRows(page, '#exports .export-summary table');
    expect(rows).toEqual(Object.entries(view.summary!.rows).sort(([a], [b]) => a.localeCompare(b)).map(([table, n]) => [table, count(n)]));
    expect(rows.length).toBeGreaterThan(0);
    const protections = await page.$$eval('#exports .protections li', (items) => items.map((li) => li.textContent));
    expect(protections.length).toBeGreaterThan(0);

    // A button per file of the manifest, plus the manifest itself; the codebook and README among them.
    const listed = await page.$$eval('#exports .downloads button', (buttons) => buttons.map((b) => b.getAttribute('data-file')));
    expect(listed).toEqual([...view.manifest!.files.map((f) => f.path), 'manifest.json']);
    expect(listed).toEqual(expect.arrayContaining(['codebook.json', 'README.md']));

    const file = view.manifest!.files.find((f) => f.path.startsWith('clients/'))!;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#exports button[data-file="${file.path}"]`)]);
    expect(download.suggestedFilename()).toBe(file.path.split('/').at(-1));
    const saved = await readFile((await download.path())!);
    const fromApi = Buffer.from(
      await (await fetch(`${platform.baseUrl}/v1/exports/${view.exportId}/download?file=${encodeURIComponent(file.path)}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer(),
    );
    expect(saved.byteLength).toBe(file.bytes);
    expect(saved.equals(fromApi)).toBe(true);
    await page.waitForSelector('#exports .downloads ~ [role="status"]:has-text("Downloaded")');

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'researcher-exports.png'), fullPage: true });
  });

  it('lists the export again on a fresh load, with its files a keypress away, in at most 5 API calls', async () => {
    await signIn('demo-researcher');
    const calls: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (new URL(r.url()).pathname.startsWith('/v1/')) calls.push(new URL(r.url()).pathname);
    };
    await page.goto('about:blank');
    page.on('request', onRequest);
    await page.goto(`${platform.baseUrl}/#/researcher`);
    await page.waitForSelector('main[data-ready="researcher"] #exports .export .status-complete');
    page.off('request', onRequest);
    expect(calls.sort()).toEqual(['/v1/exports', '/v1/network/comparison']);
    await page.focus('#exports .export-files button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#exports .downloads button[data-file="manifest.json"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-file'))).not.toBeNull();
  });

  it('is not shown to a director, counselor or admin, and the export API answers them 403', async () => {
    // The director and admin open the researcher's page and see the network only; the counselor is sent back to their own.
    for (const [person, lands] of [['demo-director', 'researcher'], ['demo-counselor', 'counselor'], ['demo-admin', 'researcher']] as const) {
      const token = await signIn(person);
      await page.goto(`${platform.baseUrl}/#/researcher`);
      await page.waitForSelector(`main[data-ready="${lands}"]`);
      expect(await page.$('#exports')).toBeNull();
      expect(await page.$('.export-form')).toBeNull();
      expect((await call(token, 'GET', '/v1/exports')).status).toBe(403);
      expect((await call(token, 'POST', '/v1/exports', { purpose: 'research', protocolRef: 'IRB-1', profile: 'aggregate', format: 'csv' })).status).toBe(403);
    }
  });
});

// Debian's Chromium through playwright-core: never a browser of Playwright's own (it cannot be
// downloaded on these machines). axe-core is injected from node_modules, offline.
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ARGS });

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Every canvas has a size and at least one painted pixel. */
export const chartsPainted = (page: Page) =>
  page.$$eval('canvas', (canvases) =>
    canvases.map((canvas) => {
      const c = canvas as HTMLCanvasElement;
      const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      let painted = false;
      for (let i = 3; i < pixels.length && !painted; i += 4) painted = pixels[i]! > 0;
      return { width: c.width, height: c.height, painted };
    }),
  );

/** The visible text of the table inside an element, row by row. */
export const tableRows = (page: Page, selector: string) =>
  page.$eval(selector, (table) =>
    [...(table as HTMLTableElement).tBodies[0]!.rows].map((row) => [...row.cells].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())),
  );

/** Where the local sign-in keeps the token (dashboard/src/auth/local-sign-in.ts). */
export const TOKEN_KEY = 'outcomes.localToken';

/** Signs a demo person in through the local sign-in page; resolves with their bearer token. */
export async function signInAs(page: Page, baseUrl: string, personId: string): Promise<string> {
  await page.goto(`${baseUrl}/#/sign-in`);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await page.click(`[data-person="${personId}"]`);
  await page.waitForSelector('main[data-ready]:not([data-ready="sign-in"])');
  return (await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY))!;
}

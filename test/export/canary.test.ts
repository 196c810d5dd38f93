// The canary (issue 10): distinctive ids, exact instants and a client born in 1920 go in; no id
// string, no full date, no birth year and no age over 89 may come out, in any file of any profile and
// format. Parquet is compressed, so its values are read back through DuckDB and searched as text too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CANARY_BIRTH_YEAR, CANARY_CLINIC, CANARY_CLIENTS, canaryEvents } from './canary-data.js';
import { duckdb } from './duckdb-read.js';
import { startExportPlatform, type ExportPlatform, type Json } from './export-platform.js';

let x: ExportPlatform;
const canary = canaryEvents();
const FULL_DATE = /\d{4}-\d{2}-\d{2}/;
const BIRTH_YEAR = new RegExp(`\\b${CANARY_BIRTH_YEAR}\\b`);

beforeAll(async () => {
  x = await startExportPlatform();
  await x.seedClinic(CANARY_CLINIC, true, canary.events);
  await x.aggregate();
}, 60_000);
afterAll(() => x.close());

/** Every file's text: raw bytes as UTF-8, and for Parquet also every value DuckDB reads from it. */
async function textsOf(exportId: string): Promise<Map<string, string>> {
  const db = await duckdb();
  const texts = new Map<string, string>();
  for (const [path, bytes] of await x.filesOf(exportId)) {
    let text = bytes.toString('utf8');
    if (path.endsWith('.parquet')) text += JSON.stringify(await db.rows(`SELECT * FROM read_parquet('${join(x.root, exportId, path)}')`));
    texts.set(path, text);
  }
  db.close();
  return texts;
}

describe.each([
  ['safe_harbor', 'csv'],
  ['safe_harbor', 'ndjson'],
  ['safe_harbor', 'parquet'],
  ['aggregate', 'csv'],
  ['aggregate', 'ndjson'],
  ['aggregate', 'parquet'],
] as const)('canary: %s as %s', (profile, format) => {
  let view: Json;
  let texts: Map<string, string>;
  beforeAll(async () => {
    view = await x.exportNow({ purpose: 'research', protocolRef: 'IRB-7', profile, format });
    texts = await textsOf(view.exportId);
  }, 60_000);

  it('completes with data in it, and every file the manifest lists', () => {
    expect(view.status).toBe('complete');
    expect(view.progress).toBe(100);
    const listed = (view.manifest.files as Json[]).map((f) => f.path).sort();
    expect([...texts.keys()].sort()).toEqual([...listed, 'manifest.json'].sort());
    const rowsOut = Object.values(view.manifest.rows as Record<string, number>).reduce((s, n) => s + n, 0);
    expect(rowsOut).toBeGreaterThan(profile === 'safe_harbor' ? CANARY_CLIENTS * 4 : 20);
  });

  it('no id string, no full date, no birth year anywhere', () => {
    expect(x.hostErrors).toEqual([]);
    for (const [path, text] of texts) {
      for (const id of canary.ids) expect(text.includes(id), `${id} in ${path}`).toBe(false);
      expect(text.match(FULL_DATE)?.[0], `a date in ${path}`).toBeUndefined();
      expect(BIRTH_YEAR.test(text), `${CANARY_BIRTH_YEAR} in ${path}`).toBe(false);
    }
  });

  it('ages appear only as bands, none reaching past 89 but 90+ itself', async () => {
    const codebook = JSON.parse(texts.get('codebook.json')!) as Json;
    const ageColumns = (codebook.tables as Json[]).flatMap((t) => (t.columns as Json[]).filter((c) => /age|birth/.test(c.name)));
    if (profile === 'aggregate') return expect(ageColumns).toEqual([]);
    expect(ageColumns.map((c) => c.name)).toEqual(['age_band']);
    const allowed = ageColumns[0]!.values as string[];
    for (const band of allowed) {
      const closed = /^(\d+)-(\d+)$/.exec(band);
      if (closed) expect(Number(closed[2])).toBeLessThanOrEqual(89);
      else expect(['90+', '55+', 'withheld', 'unknown']).toContain(band);
    }
    const db = await duckdb();
    const source = format === 'csv' ? 'read_csv' : format === 'ndjson' ? 'read_json' : 'read_parquet';
    const bands = await db.rows(`SELECT DISTINCT age_band FROM ${source}('${join(x.root, view.exportId, `clients/*.${format}`)}')`);
    db.close();
    expect(bands.length).toBeGreaterThan(0);
    for (const { age_band } of bands) expect(allowed).toContain(age_band);
  });
});

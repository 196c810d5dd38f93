// DuckDB reads every table back with the codebook's types (issue 10 §5): Parquet carries them
// itself; CSV and NDJSON are read with the codebook's column types, and every value must convert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { duckdbColumns } from '../../functions/export/codebook.js';
import { safeHarborTables } from '../../functions/export/safe-harbor/tables.js';
import { aggregateTableSpec, aggregateTables } from '../../functions/export/aggregate/tables.js';
import type { TableSpec } from '../../functions/export/table-spec.js';
import { streamNetwork } from '../../functions/synthetic/index.js';
import { duckdb } from './duckdb-read.js';
import { startExportPlatform, type ExportPlatform, type Json } from './export-platform.js';

const DUCKDB = { integer: 'INTEGER', double: 'DOUBLE', string: 'VARCHAR', boolean: 'BOOLEAN' } as const;
let x: ExportPlatform;

beforeAll(async () => {
  x = await startExportPlatform();
  const network = streamNetwork({ clients: 160, seed: 5, asOf: '2026-10-01T00:00:00.000Z' });
  const events = [...network.events];
  for (const clinic of network.clinics) await x.seedClinic(clinic.clinicId, true, events.filter((e) => e.clinicId === clinic.clinicId), clinic.timeZone);
  await x.aggregate();
}, 120_000);
afterAll(() => x.close());

const expectedTypes = (t: TableSpec) => Object.fromEntries(t.columns.map((c) => [c.name, DUCKDB[c.type]]));
const source = (format: string, files: string, t: TableSpec) =>
  format === 'parquet'
    ? `read_parquet('${files}')`
    : format === 'csv'
      ? `read_csv('${files}', header = true, columns = ${duckdbColumns(t)})`
      : `read_json('${files}', format = 'newline_delimited', columns = ${duckdbColumns(t)})`;

describe.each(['parquet', 'csv', 'ndjson'] as const)('%s', (format) => {
  it.each(['safe_harbor', 'aggregate'] as const)('%s: every table reads back with its codebook types and every row', async (profile) => {
    const view: Json = await x.exportNow({ purpose: 'research', protocolRef: 'IRB-1', profile, format });
    expect(view.status).toBe('complete');
    const tables = profile === 'safe_harbor' ? safeHarborTables : aggregateTables.map(aggregateTableSpec);
    const db = await duckdb();
    for (const t of tables) {
      const files = join(x.root, view.exportId, profile === 'safe_harbor' ? `${t.name}/*.${format}` : `${t.name}.${format}`);
      expect(await db.types(`SELECT * FROM ${source(format, files, t)}`), t.name).toEqual(expectedTypes(t));
      const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM ${source(format, files, t)}`)) as [{ n: string }];
      expect(Number(n), t.name).toBe(view.summary.rows[t.name]);
      expect(Number(n), t.name).toBeGreaterThan(0);
    }
    db.close();
  }, 60_000);
});

it('CSV auto-detection agrees on the well-filled columns of clients', async () => {
  const view: Json = await x.exportNow({ purpose: 'research', protocolRef: 'IRB-1', profile: 'safe_harbor', format: 'csv' });
  const db = await duckdb();
  const types = await db.types(`SELECT * FROM read_csv('${join(x.root, view.exportId, 'clients/*.csv')}')`);
  db.close();
  expect(types).toMatchObject({ study_id: 'VARCHAR', enrollment_year: 'BIGINT', episodes: 'BIGINT', gas_t_score: 'DOUBLE', reliable_improvement: 'BOOLEAN' });
});

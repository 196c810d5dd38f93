// The three encoders on their own: CSV quoting per RFC 4180, NDJSON one object per line, Parquet
// row groups of 25,000 rows — each read back by DuckDB, and each file's checksum what was written.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTableFile } from '../../functions/export/formats/table-writer.js';
import { PARQUET_ROW_GROUP } from '../../functions/export/formats/parquet.js';
import { localExportStorage } from '../../functions/export/storage/local-storage.js';
import type { TableSpec } from '../../functions/export/table-spec.js';
import { duckdb } from './duckdb-read.js';

const table: TableSpec = {
  name: 'probe',
  description: 'encoder probe',
  columns: [
    { name: 'id', type: 'integer', derivation: 'row number' },
    { name: 'label', type: 'string', derivation: 'text that needs quoting' },
    { name: 'score', type: 'double', derivation: 'a fraction' },
    { name: 'flag', type: 'boolean', derivation: 'a flag' },
  ],
};
const AWKWARD = ['plain', 'comma, inside', 'quote " inside', 'line\r\nbreak', '', 'ünïcödé'];
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, label: AWKWARD[i % AWKWARD.length]!, score: i % 7 === 0 ? null : i / 8, flag: i % 3 === 0 }));

async function written(format: 'csv' | 'ndjson' | 'parquet', n: number) {
  const root = await mkdtemp(join(tmpdir(), 'formats-'));
  const file = openTableFile(localExportStorage(root), `probe.${format}`, table, format);
  const all = rows(n);
  for (let i = 0; i < all.length; i += 7_000) await file.write(all.slice(i, i + 7_000));
  const result = await file.close();
  const path = join(root, `probe.${format}`);
  expect(createHash('sha256').update(await readFile(path)).digest('hex')).toBe(result.sha256);
  expect(result.rows).toBe(n);
  return path;
}

describe('encoders', () => {
  it('CSV: header row, CRLF, quotes only where RFC 4180 needs them, values round-trip through DuckDB', async () => {
    const path = await written('csv', 12);
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('id,label,score,flag\r\n0,plain,,true\r\n1,"comma, inside",0.125,false\r\n2,"quote "" inside",0.25,false\r\n3,"line\r\nbreak"')).toBe(true);
    const db = await duckdb();
    const back = await db.rows(`SELECT label FROM read_csv('${path}', header = true, columns = {'id': 'INTEGER', 'label': 'VARCHAR', 'score': 'DOUBLE', 'flag': 'BOOLEAN'}) ORDER BY id`);
    db.close();
    expect(back.map((r) => r.label ?? '')).toEqual(rows(12).map((r) => r.label));
  });

  it('NDJSON: one object per line, keys in codebook order, null for missing', async () => {
    const path = await written('ndjson', 3);
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]).toBe('{"id":0,"label":"plain","score":null,"flag":true}');
    expect(JSON.parse(lines[2]!)).toEqual({ id: 2, label: 'quote " inside', score: 0.25, flag: false });
  });

  it(`Parquet: row groups of ${PARQUET_ROW_GROUP.toLocaleString('en')} rows, whatever the batch size`, async () => {
    const path = await written('parquet', 60_001);
    const db = await duckdb();
    const groups = await db.rows(`SELECT row_group_id, max(row_group_num_rows) AS n FROM parquet_metadata('${path}') GROUP BY ALL ORDER BY 1`);
    const [{ total, nulls }] = (await db.rows(`SELECT count(*) AS total, count(*) - count(score) AS nulls FROM read_parquet('${path}')`)) as [{ total: string; nulls: string }];
    db.close();
    expect(groups.map((g) => Number(g.n))).toEqual([25_000, 25_000, 10_001]);
    expect(Number(total)).toBe(60_001);
    expect(Number(nulls)).toBe(Math.ceil(60_001 / 7));
  });
});

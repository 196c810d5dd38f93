// The codebook and README that travel with every export: each column's type, unit, allowed values
// and derivation, and how to read the files in R, pandas and DuckDB.
import type { ExportParameters } from '../store/export-jobs.js';
import type { ColumnType, TableSpec } from './table-spec.js';

const DUCKDB_TYPES: Record<ColumnType, string> = { integer: 'INTEGER', double: 'DOUBLE', string: 'VARCHAR', boolean: 'BOOLEAN' };

export function codebook(tables: readonly TableSpec[]) {
  return {
    tables: tables.map((t) => ({
      name: t.name,
      description: t.description,
      columns: t.columns.map((c) => ({ ...c, duckdbType: DUCKDB_TYPES[c.type] })),
    })),
  };
}

/** `{'col': 'TYPE', …}`: the `columns` argument of DuckDB's read_csv for a table. */
export const duckdbColumns = (table: TableSpec) => `{${table.columns.map((c) => `'${c.name}': '${DUCKDB_TYPES[c.type]}'`).join(', ')}}`;

export function readme(parameters: ExportParameters, tables: readonly TableSpec[]): string {
  const { profile, format } = parameters;
  const glob = (t: TableSpec) => (profile === 'safe_harbor' ? `${t.name}/*.${format}` : `${t.name}.${format}`);
  const duckdb = tables
    .map((t) =>
      format === 'csv'
        ? `CREATE TABLE ${t.name} AS SELECT * FROM read_csv('${glob(t)}', header = true, columns = ${duckdbColumns(t)});`
        : format === 'parquet'
          ? `CREATE TABLE ${t.name} AS SELECT * FROM read_parquet('${glob(t)}');`
          : `CREATE TABLE ${t.name} AS SELECT * FROM read_json('${glob(t)}', format = 'newline_delimited', columns = ${duckdbColumns(t)});`,
    )
    .join('\n');
  const first = tables[0]!;
  const pandas = { csv: 'read_csv', ndjson: 'read_json(…, lines=True)', parquet: 'read_parquet' }[format];
  const r = { csv: 'readr::read_csv', ndjson: 'jsonlite::stream_in(file(…))', parquet: 'arrow::read_parquet' }[format];
  return `# Research export (${profile}, ${format})

De-identified data from the clinics whose research consent was on when this export was requested.
\`codebook.json\` describes every column (type, unit, allowed values, derivation); \`manifest.json\`
holds the parameters, row counts, generalisation and suppression counts and the SHA-256 of every file.

${
  profile === 'safe_harbor'
    ? `Privacy (HIPAA Safe Harbor, 45 CFR 164.514(b)(2), as 42 CFR Part 2 §2.54 uses it): study ids,
clinic codes and counselor codes are random for this export only, so they link to nothing else; the
only calendar figure is the enrollment year, every other time is whole days since the client's
start; age is a band at the start, 90 and over in one band; every class of (clinic code, age band,
gender, primary substance, enrollment year) holds at least 11 clients, by generalising those
quasi-identifiers first and suppressing clients only where that was not enough.

Tables join on \`study_id\`; \`episodes\`, \`goals\`, \`sessions\` and \`measures\` also on \`episode\`.
Engagement figures (attendance, retention, dropout, days in treatment) are per episode.`
    : `Privacy: every count of 1–10 is suppressed, with complementary suppression so that no suppressed
count can be recomputed from the totals (SPEC §7). A suppressed count is empty with status
\`suppressed\`; zero is shown.`
}

## Reading the files

DuckDB, from this folder:

\`\`\`sql
${duckdb}
\`\`\`

pandas: \`pd.${pandas}\` on each file of a table, then \`pd.concat\`; R: \`${r}\`. Types are in
\`codebook.json\` (\`${first.name}\` first). Missing values are empty fields (CSV) or null.
`;
}

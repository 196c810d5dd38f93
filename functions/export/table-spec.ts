// What every exported table is made of. One description drives the CSV header, the Parquet schema,
// the codebook and the DuckDB types, so the files and their documentation cannot drift apart.
export type ColumnType = 'integer' | 'double' | 'string' | 'boolean';
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Column {
  name: string;
  type: ColumnType;
  /** Days, points, … — absent for codes and counts of things named in the description. */
  unit?: string;
  /** The closed set of values a string column may take. */
  values?: readonly string[];
  /** How the value is derived, for the codebook. */
  derivation: string;
}

export interface TableSpec {
  name: string;
  description: string;
  columns: readonly Column[];
}

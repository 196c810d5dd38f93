// Reads export files back with DuckDB (@duckdb/node-api): the proof that the files are what the
// codebook says, and the way tests look inside Parquet (compressed, so not greppable as bytes).
import { DuckDBInstance } from '@duckdb/node-api';

export async function duckdb() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  return {
    rows,
    /** Column name → DuckDB type of what the query returns. */
    types: async (sql: string) => Object.fromEntries((await rows(`DESCRIBE ${sql}`)).map((r) => [r.column_name as string, r.column_type as string])),
    close: () => connection.closeSync(),
  };
}

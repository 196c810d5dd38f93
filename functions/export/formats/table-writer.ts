// One table file in one format. Rows go in in batches; close() reports what was written.
import type { ExportFormat } from '../../store/export-jobs.js';
import type { ExportStorage, WrittenFile } from '../storage/export-storage.js';
import { checksummed } from '../storage/export-storage.js';
import type { Row, TableSpec } from '../table-spec.js';
import { csvEncoder } from './csv.js';
import { ndjsonEncoder } from './ndjson.js';
import { parquetEncoder } from './parquet.js';


/** Turns row batches into bytes for a sink; each format implements it. */
export interface Encoder {
  write(rows: readonly Row[]): Promise<void>;
  finish(): Promise<void>;
}
export type Sink = { write(chunk: Uint8Array): Promise<void> };

const encoders: Record<ExportFormat, (table: TableSpec, sink: Sink) => Encoder> = {
  csv: csvEncoder,
  ndjson: ndjsonEncoder,
  parquet: parquetEncoder,
};

export interface TableFile {
  write(rows: readonly Row[]): Promise<void>;
  close(): Promise<WrittenFile & { table: string; rows: number }>;
}

export function openTableFile(storage: ExportStorage, path: string, table: TableSpec, format: ExportFormat): TableFile {
  const sink = checksummed(storage.create(path));
  const encoder = encoders[format](table, sink);
  let rows = 0;
  return {
    write(batch) {
      rows += batch.length;
      return encoder.write(batch);
    },
    async close() {
      await encoder.finish();
      return { path, table: table.name, rows, ...(await sink.close()) };
    },
  };
}

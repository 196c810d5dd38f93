// Parquet through hyparquet-writer's incremental ParquetWriter, one row group per ~25k rows: its
// default groups (up to 100k rows, the whole file when smaller) would hold far more in memory than
// the export's memory goal allows. After every row group the writer's buffer is handed to the sink
// and reused, so memory is bounded by one group whatever the file size.
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { Cell, ColumnType, Row, TableSpec } from '../table-spec.js';
import type { Encoder, Sink } from './table-writer.js';

export const PARQUET_ROW_GROUP = 25_000;

const PHYSICAL: Record<ColumnType, { type: 'INT32' | 'DOUBLE' | 'BOOLEAN' | 'BYTE_ARRAY'; converted_type?: 'UTF8' }> = {
  integer: { type: 'INT32' },
  double: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
};

/** A ByteWriter that empties itself into the sink at every flush (after each row group, and at the end). */
class SinkWriter extends ByteWriter {
  constructor(private readonly sink: Sink) {
    super(1 << 20);
  }
  flush = async (): Promise<void> => {
    if (this.index === 0) return;
    const chunk = new Uint8Array(this.buffer.slice(0, this.index));
    this.index = 0;
    await this.sink.write(chunk);
  };
  override finish = (): Promise<void> => this.flush();
}

export function parquetEncoder(table: TableSpec, sink: Sink): Encoder {
  const schema = [
    { name: 'root', num_children: table.columns.length },
    ...table.columns.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL' as const, ...PHYSICAL[c.type] })),
  ];
  const writer = new ParquetWriter({ writer: new SinkWriter(sink), schema });
  let pending: Row[] = [];
  const writeGroup = async (rows: readonly Row[]) => {
    const columnData = table.columns.map((c) => ({ name: c.name, data: rows.map((r): Cell => r[c.name] ?? null) }));
    await writer.write({ columnData, rowGroupSize: PARQUET_ROW_GROUP });
  };
  return {
    async write(rows) {
      for (const row of rows) {
        pending.push(row);
        if (pending.length === PARQUET_ROW_GROUP) {
          const group = pending;
          pending = [];
          await writeGroup(group);
        }
      }
    },
    async finish() {
      if (pending.length > 0) await writeGroup(pending);
      pending = [];
      await writer.finish();
    },
  };
}

// NDJSON: one JSON object per line, keys in codebook order, missing values as null.
import type { Row, TableSpec } from '../table-spec.js';
import type { Encoder, Sink } from './table-writer.js';
import { textChunker } from './text-batches.js';

export function ndjsonEncoder(table: TableSpec, sink: Sink): Encoder {
  const names = table.columns.map((c) => c.name);
  const out = textChunker(sink);
  return {
    async write(rows: readonly Row[]) {
      let text = '';
      for (const row of rows) text += `${JSON.stringify(Object.fromEntries(names.map((n) => [n, row[n] ?? null])))}\n`;
      await out.add(text);
    },
    finish: () => out.flush(),
  };
}

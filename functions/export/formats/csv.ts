// CSV per RFC 4180: a header row, CRLF line ends, a field quoted when it holds a comma, a quote or a
// line break, quotes doubled inside. An empty field is a missing value; booleans are true/false.
import type { Cell, TableSpec } from '../table-spec.js';
import type { Encoder, Sink } from './table-writer.js';
import { textChunker } from './text-batches.js';

const NEEDS_QUOTES = /[",\r\n]/;

function field(value: Cell): string {
  if (value === null) return '';
  // Numbers and booleans never hold a comma, quote or line break.
  if (typeof value !== 'string') return String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvEncoder(table: TableSpec, sink: Sink): Encoder {
  const names = table.columns.map((c) => c.name);
  const out = textChunker(sink);
  const header = out.add(`${names.map(field).join(',')}\r\n`);
  return {
    async write(rows) {
      await header;
      let text = '';
      for (const row of rows) text += `${names.map((n) => field(row[n] ?? null)).join(',')}\r\n`;
      await out.add(text);
    },
    async finish() {
      await header;
      await out.flush();
    },
  };
}

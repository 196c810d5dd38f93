// CSV (RFC 4180) of exactly what a table shows, offered as a download.
import { saveBlob } from './save-file.js';

const quote = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

const toCsv = (rows: readonly (readonly string[])[]) => `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;

/** The visible text of every header and body cell of a rendered table. */
export const tableText = (table: HTMLTableElement): string[][] =>
  [...table.rows].map((row) => [...row.cells].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()));

export const downloadCsv = (fileName: string, rows: readonly (readonly string[])[]) => saveBlob(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), fileName);

// The finalizer's half of the aggregate profile: every consenting clinic's counts in one table per
// metric, suppressed and audited, then written. A table that fails the audit is withheld whole, with
// its reason in the manifest.
import type { ExportFormat } from '../../store/export-jobs.js';
import type { ExportPart, ExportPartFile } from '../../store/export-parts.js';
import { openTableFile } from '../formats/table-writer.js';
import type { ExportStorage } from '../storage/export-storage.js';
import type { Row } from '../table-spec.js';
import { exportFileKey } from '../export-plan.js';
import { protectAggregateTable, type PublishedCell } from './disclosure.js';
import { ALL, aggregateTableSpec, aggregateTables } from './tables.js';

export interface PublishedAggregates {
  files: ExportPartFile[];
  suppressedCells: number;
  withheld: { table: string; reason: string }[];
}

const row = (clinic: string, mode: string, outcome: string, cell: PublishedCell): Row => ({
  clinic_code: clinic,
  mode,
  outcome,
  count: cell.suppressed ? null : cell.count,
  status: cell.suppressed ? 'suppressed' : 'published',
});

export async function publishAggregates(parts: readonly ExportPart[], storage: ExportStorage, exportId: string, format: ExportFormat): Promise<PublishedAggregates> {
  const contributing = parts.filter((p) => !p.withheld && p.counts);
  const result: PublishedAggregates = { files: [], suppressedCells: 0, withheld: [] };
  for (const table of aggregateTables) {
    const protection = await protectAggregateTable(
      contributing.map((p) => p.counts![table.name]!),
      table.cells.length,
    );
    if (!protection.ok) {
      result.withheld.push({ table: table.name, reason: protection.reason });
      continue;
    }
    const { published } = protection;
    result.suppressedCells += published.suppressedCount;
    const rows: Row[] = [];
    contributing.forEach((part, r) => {
      table.cells.forEach((cell, c) => {
        rows.push(row(part.clinicCode, cell.mode, cell.outcome, published.cells[r]![c]!));
      });
      rows.push(row(part.clinicCode, ALL, ALL, published.rowTotals[r]!));
    });
    table.cells.forEach((cell, c) => {
      rows.push(row(ALL, cell.mode, cell.outcome, published.columnTotals[c]!));
    });
    rows.push(row(ALL, ALL, ALL, published.grandTotal));
    const path = `${table.name}.${format}`;
    const file = openTableFile(storage, exportFileKey(exportId, path), aggregateTableSpec(table), format);
    await file.write(rows);
    result.files.push({ ...(await file.close()), path });
  }
  return result;
}

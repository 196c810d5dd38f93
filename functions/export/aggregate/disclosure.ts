// The aggregate profile's disclosure control, behind the smallest interface it needs: suppress a
// count table, then audit what would be published. ADAPTER: implemented here with the network
// benchmark's suppressTable (functions/metrics/suppression.ts); at merge it is re-pointed at the
// pure functions/disclosure/ module (its suppression and its disclosure audit), and nothing else
// in the export changes.
import { isSmallCount, suppressTable } from '../../metrics/suppression.js';

export interface PublishedCell {
  count: number | null;
  suppressed: boolean;
}

export interface PublishedTable {
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  grandTotal: PublishedCell;
  suppressedCount: number;
}

export type AuditResult = { ok: true } | { ok: false; reason: string };

export interface Disclosure {
  suppress(cells: readonly (readonly number[])[], columns: number): PublishedTable;
  audit(published: PublishedTable): AuditResult;
}

const label = (p: { count: number | null; suppressed: false | string }): PublishedCell => ({ count: p.count, suppressed: p.suppressed !== false });

export const disclosure: Disclosure = {
  suppress(cells, columns) {
    const t = suppressTable(cells, { columns });
    return {
      cells: t.cells.map((row) => row.map(label)),
      rowTotals: t.rowTotals.map(label),
      columnTotals: t.columnTotals.map(label),
      grandTotal: label(t.grandTotal),
      suppressedCount: t.suppressedCount,
    };
  },
  // Until the full audit (feasible intervals by linear programming) lands: no published count of 1–10.
  audit(published) {
    const all = [...published.cells.flat(), ...published.rowTotals, ...published.columnTotals, published.grandTotal];
    const small = all.filter((c) => !c.suppressed && c.count !== null && isSmallCount(c.count));
    return small.length === 0 ? { ok: true } : { ok: false, reason: `${small.length} published count(s) of 1–10` };
  },
};

// The aggregate profile's disclosure control (SPEC §7): each count table is suppressed by the pure
// disclosure module (functions/disclosure/count-table.ts) and published only if the LP audit
// (functions/disclosure/audit.ts) finds every primary cell's feasible interval containing 0 and 11.
import { auditDisclosure, countTableDisclosureProblem, suppressCountTable, type SuppressedCountTable } from '../../disclosure/index.js';

export type PublishedTable = SuppressedCountTable;
export type PublishedCell = SuppressedCountTable['grandTotal'];

export type AuditResult = { ok: true } | { ok: false; reason: string };

export const suppressAggregateTable = (cells: readonly (readonly number[])[], columns: number): PublishedTable => suppressCountTable(cells, columns);

export async function auditAggregateTable(published: PublishedTable): Promise<AuditResult> {
  const { violations } = await auditDisclosure(countTableDisclosureProblem(published));
  if (violations.length === 0) return { ok: true };
  return { ok: false, reason: `withheld: no suppression pattern keeps ${violations.length} cell(s) of 1–10 from being narrowed below 0–11 by the published totals` };
}

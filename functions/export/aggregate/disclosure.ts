// The aggregate profile's disclosure control (SPEC §7): each count table is suppressed by the pure
// disclosure module (functions/disclosure/count-table.ts) until its LP audit finds every primary
// cell's feasible interval containing 0 and 11; a table for which no pattern does is withheld.
import { protectCountTable, type SuppressedCountTable } from '../../disclosure/index.js';

export type PublishedTable = SuppressedCountTable;
export type PublishedCell = SuppressedCountTable['grandTotal'];

export type ProtectedTable = { ok: true; published: PublishedTable } | { ok: false; reason: string };

export async function protectAggregateTable(cells: readonly (readonly number[])[], columns: number): Promise<ProtectedTable> {
  const table = await protectCountTable(cells, columns);
  if (table.protected) return { ok: true, published: table };
  return { ok: false, reason: 'withheld: no suppression pattern keeps every count of 1–10 from being narrowed below 0–11 by the published totals' };
}

// Helpers for the disclosure tests: tables as plain rows, what a pattern publishes, and the audit.
import { auditDisclosure, isSmallCount, type NetworkPattern, type NetworkRow, networkDisclosureProblem, networkTotals, POPULATIONS } from '../../functions/disclosure/index.js';

export const row = (clinicId: string, cells: [number, number, number, number], consenting = true): NetworkRow => ({ clinicId, consenting, cells });

/** Every entry the pattern publishes: cells, row totals, and each published network row. */
export function publishedEntries(rows: readonly NetworkRow[], pattern: NetworkPattern): number[] {
  const shown = rows.flatMap((r, k) => [...r.cells.filter((_, j) => !pattern.hiddenCells[k]![j]), ...(pattern.hiddenTotals[k] ? [] : [r.cells.reduce((s, v) => s + v, 0)])]);
  return [...shown, ...POPULATIONS.flatMap((p) => (pattern.networkPublished[p] ? networkTotals(rows, p) : []))];
}

export const smallPublished = (rows: readonly NetworkRow[], pattern: NetworkPattern) => publishedEntries(rows, pattern).filter(isSmallCount);

export async function violations(rows: readonly NetworkRow[], pattern: NetworkPattern, scopes: readonly (readonly string[])[] = []) {
  const report = await auditDisclosure(networkDisclosureProblem(rows, pattern, scopes));
  return report.violations;
}

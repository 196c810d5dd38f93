// Helpers for the disclosure tests: tables as plain rows, what a pattern publishes, and the audit.
import { type ClinicCounts, type NetworkComparison, type NetworkFigureName, tableOf } from '../../functions/metrics/network-comparison.js';
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

/** One figure's true rows and the pattern the stored comparison shows, for the audit. */
export function auditInputs(clinics: readonly ClinicCounts[], comparison: NetworkComparison, figure: NetworkFigureName): { rows: NetworkRow[]; pattern: NetworkPattern } {
  const rows = clinics.map((c): NetworkRow => {
    const { a, b, c: cc, d } = tableOf(c.counts, figure);
    return { clinicId: c.clinicId, consenting: c.consenting, cells: [a, b, cc, d] };
  });
  const lines = comparison.breakdown.map((r) => r.lines[figure]);
  const pattern: NetworkPattern = {
    hiddenCells: lines.map((l) => l.slice(0, 4).map((v) => v === null)),
    hiddenTotals: lines.map((l) => l[4] === null),
    networkPublished: { all: comparison.populations.all.figures[figure].network !== null, research: comparison.populations.research.figures[figure].network !== null },
  };
  return { rows, pattern };
}

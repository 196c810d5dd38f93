// Collaborative vs directive across the network (SPEC §5, §7): the Mantel–Haenszel odds ratio
// stratified by clinic beside the crude pooled odds ratio (case mix differs between clinics, and a
// crude comparison can reverse — Simpson's paradox), for goal attainment and 90-day retention, with
// a per-clinic breakdown. The breakdown leaves the clinic, so it is cell-suppressed (suppression.ts)
// and other clinics appear only as "Clinic A", "Clinic B", …; the caller's own clinic keeps its id.
import { crudeOddsRatio } from '../stats/crude-odds-ratio.js';
import { type Estimate, type Unavailable, unavailable } from '../stats/estimate.js';
import { type StratifiedEstimate, mantelHaenszelOddsRatio } from '../stats/mantel-haenszel.js';
import type { TwoByTwo } from '../stats/two-by-two.js';
import { ratio } from '../stats/descriptive.js';
import type { ClientSummary } from './client-summary-types.js';
import { type ComparisonCounts, comparisonCounts } from './comparison.js';
import { type PublishedCount, suppressTable } from './suppression.js';

export type ClinicSummaries = { clinicId: string; summaries: readonly ClientSummary[] };

/** Cells in SPEC §5 order: a, b (collaborative with/without the event), c, d (directive). */
export type BreakdownRow = {
  clinic: string;
  cells: { a: PublishedCount; b: PublishedCount; c: PublishedCount; d: PublishedCount };
  total: PublishedCount;
  /** a/(a+b) and c/(c+d); null when a cell behind it is suppressed or the group is empty. */
  collaborativeRate: number | null;
  directiveRate: number | null;
};

export type NetworkFigure = {
  stratified: StratifiedEstimate | (Unavailable & { strata: number; n: null });
  /**
   * Clinics left out of the stratified estimate because a cell of theirs is suppressed: with the
   * published totals a suppressed cell is one unknown among a few linear equations, and an odds
   * ratio computed from it would be one equation more, enough to solve for it.
   */
  excludedStrata: string[];
  /** The pooled table itself is published only through `network`, under suppression. */
  crude: (Estimate & { n: number }) | (Unavailable & { n: null });
  clinics: BreakdownRow[];
  network: BreakdownRow;
  suppressedCells: number;
};

export type NetworkComparison = { clinics: number; attainment: NetworkFigure; retention90: NetworkFigure };

export function networkComparison(clinics: readonly ClinicSummaries[], ownClinicId: string): NetworkComparison {
  const labelled = anonymousLabels(clinics, ownClinicId);
  const strata = (figure: keyof ComparisonCounts) =>
    labelled.map(({ label, own, summaries }) => {
      const { collaborative: g1, directive: g2 } = comparisonCounts(summaries)[figure];
      return { label, own, table: { a: g1.events, b: g1.n - g1.events, c: g2.events, d: g2.n - g2.events } };
    });
  return {
    clinics: clinics.length,
    attainment: networkFigure(strata('attainment')),
    retention90: networkFigure(strata('retention90')),
  };
}

type Stratum = { label: string; own: boolean; table: TwoByTwo };

const CELLS_PER_ROW = 4;

function networkFigure(strata: Stratum[]): NetworkFigure {
  const tables = strata.map((s) => s.table);
  // A director already knows their own clinic's counts (the clinic comparison shows them), so the
  // own row protects nothing and must not help recompute any other clinic's hidden cell.
  const published = suppressTable(
    tables.map((t) => [t.a, t.b, t.c, t.d]),
    { columns: CELLS_PER_ROW, knownRows: strata.flatMap((s, i) => (s.own ? [i] : [])) },
  );
  const row = (label: string, cells: PublishedCount[], total: PublishedCount): BreakdownRow => {
    const [a, b, c, d] = cells as [PublishedCount, PublishedCount, PublishedCount, PublishedCount];
    return { clinic: label, cells: { a, b, c, d }, total, collaborativeRate: publishedRate(a, b), directiveRate: publishedRate(c, d) };
  };
  // An odds ratio is one more equation in the pooled counts: with a suppressed network total it could
  // recover that total (e.g. a = OR·b·c/d), so the estimates are withheld then.
  const withhold = [...published.columnTotals, published.grandTotal].some((p) => p.suppressed !== false);
  const withheld = unavailable('suppressed: a network total describes 1–10 subjects');
  const { table: _publishedOnlyUnderSuppression, ...crude } = crudeOddsRatio(tables);
  // The own clinic's counts are the reader's already, so its stratum never reveals anything.
  const intact = strata.filter((s, i) => s.own || published.cells[i]!.every((cell) => cell.suppressed === false));
  const excludedStrata = strata.filter((s) => !intact.includes(s)).map((s) => s.label);
  const stratified = (): NetworkFigure['stratified'] =>
    intact.length > 0
      ? mantelHaenszelOddsRatio(intact.map((s) => s.table))
      : { ...unavailable('suppressed: every clinic has a cell of 1–10 subjects or its complement'), strata: 0, n: null };
  return {
    stratified: withhold ? { ...withheld, strata: strata.length, n: null } : stratified(),
    excludedStrata,
    crude: withhold ? { ...withheld, n: null } : crude,
    clinics: strata.map((s, i) => row(s.label, published.cells[i]!, published.rowTotals[i]!)),
    network: row('Network', published.columnTotals, published.grandTotal),
    suppressedCells: published.suppressedCount,
  };
}

function publishedRate(event: PublishedCount, noEvent: PublishedCount): number | null {
  if (event.count === null || noEvent.count === null) return null;
  return ratio(event.count, event.count + noEvent.count);
}

/**
 * Other clinics are lettered by size (largest first, clinic id only to break ties), so the label
 * says nothing a reader could not already see in the counts.
 */
function anonymousLabels(clinics: readonly ClinicSummaries[], ownClinicId: string) {
  const others = clinics
    .filter((c) => c.clinicId !== ownClinicId)
    .sort((x, y) => y.summaries.length - x.summaries.length || (x.clinicId < y.clinicId ? -1 : 1));
  const own = clinics.filter((c) => c.clinicId === ownClinicId).map((c) => ({ label: c.clinicId, own: true, summaries: c.summaries }));
  return [...own, ...others.map((c, i) => ({ label: `Clinic ${letters(i)}`, own: false, summaries: c.summaries }))];
}

/** 0 → A, 25 → Z, 26 → AA, like spreadsheet columns. */
function letters(index: number): string {
  let label = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
}

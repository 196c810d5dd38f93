// Collaborative vs directive across the network (SPEC §5, §7), for goal attainment and 90-day
// retention, from each clinic's small count row (the 2×2 cells of functions/metrics/comparison.ts):
//  - One true estimate per population: the Mantel–Haenszel odds ratio stratified by clinic over
//    EVERY clinic of the population (all clinics: directors and admins; consenting clinics:
//    researchers), beside the crude pooled odds ratio (case mix differs between clinics, and a crude
//    comparison can reverse — Simpson's paradox). Suppression hides breakdown cells, never strata.
//  - One suppressed breakdown for every audience (functions/disclosure): directors see the same
//    cells as admins, and researchers the consenting clinics' rows of it; who is named is decided on
//    read. The pattern is chosen for both populations and every director scope at once.
//  - Published odds ratios and interval bounds are rounded. Each is one nonlinear equation in the
//    hidden cells; rounding turns it into a band. The precision is the finest of 2, 1 or 0 decimals
//    at which every primary cell still has an open move (one keeping every linear relation) that
//    leaves every published odds ratio unchanged: a second table nobody can tell from the true one
//    (disclosure/nonlinear-check.ts). On large networks that is 2 decimals; on a handful of
//    clinics it may be coarser; if none works the odds ratios are withheld with the reason.
//    test/disclosure enumerates the integer tables of small populations to confirm it.
import { type CellChange, inPopulation, type NetworkRow, nonlinearFiguresKeepCellsOpen, type Population, POPULATIONS, networkTotals, protectNetwork, type ProtectionOptions, sum } from '../disclosure/index.js';
import { crudeOddsRatio } from '../stats/crude-odds-ratio.js';
import { type Estimate, unavailable } from '../stats/estimate.js';
import { addTerms, type MantelHaenszelTerms, mantelHaenszelFromTerms, mantelHaenszelOddsRatio, mantelHaenszelTerms, mantelHaenszelTermsOf } from '../stats/mantel-haenszel.js';
import { poolStrata, stratumTotal, type TwoByTwo } from '../stats/two-by-two.js';
import type { ComparisonCounts } from './comparison.js';

export const NETWORK_FIGURES = ['attainment', 'retention90'] as const;
export type NetworkFigureName = (typeof NETWORK_FIGURES)[number];

export type ClinicCounts = { clinicId: string; consenting: boolean; counts: ComparisonCounts };

/** Cells in SPEC §5 order (a, b, c, d), then the total; null where suppressed. */
export type PublishedLine = (number | null)[];

export type PopulationFigure = {
  /** Decimals the odds ratios are rounded to; null when they are withheld. */
  decimals: number | null;
  /** Over every clinic of the population; `strata` is the number of clinics. */
  stratified: Estimate & { strata: number; n: number | null };
  crude: Estimate & { n: number | null };
  /** The population's network row (column totals and grand total), or null when withheld. */
  network: PublishedLine | null;
  networkWithheld: string | null;
};

export type BreakdownRow = { clinicId: string; consenting: boolean; lines: Record<NetworkFigureName, PublishedLine> };

export type NetworkComparison = {
  populations: Record<Population, { clinics: number; figures: Record<NetworkFigureName, PopulationFigure> }>;
  /** One row per clinic, in the order given; the research view is its consenting rows. */
  breakdown: BreakdownRow[];
};

/** Published precisions of odds ratios and their bounds, finest first. */
const PRECISIONS = [2, 1, 0];
const PINNING = 'withheld: at every published precision this odds ratio would single out a suppressed cell';

export const tableOf = (counts: ComparisonCounts, figure: NetworkFigureName): TwoByTwo => {
  const { collaborative: g1, directive: g2 } = counts[figure];
  return { a: g1.events, b: g1.n - g1.events, c: g2.events, d: g2.n - g2.events };
};

export async function networkComparison(clinics: readonly ClinicCounts[], options: Pick<ProtectionOptions, 'scopes' | 'blockSize'> = {}): Promise<NetworkComparison> {
  const lines = clinics.map(() => ({}) as Record<NetworkFigureName, PublishedLine>);
  const figures = { all: {}, research: {} } as Record<Population, Record<NetworkFigureName, PopulationFigure>>;
  for (const figure of NETWORK_FIGURES) {
    const rows: NetworkRow[] = clinics.map((c) => {
      const { a, b, c: cc, d } = tableOf(c.counts, figure);
      return { clinicId: c.clinicId, consenting: c.consenting, cells: [a, b, cc, d] };
    });
    const pattern = await protectNetwork(rows, options);
    rows.forEach((row, k) => {
      const total = sum(row.cells);
      lines[k]![figure] = [...row.cells.map((v, j) => (pattern.hiddenCells[k]![j] ? null : v)), pattern.hiddenTotals[k] ? null : total];
    });
    const sums = populationSums(rows);
    const decimals = PRECISIONS.find((d) => nonlinearFiguresKeepCellsOpen(rows, pattern, publishedFingerprint(rows, sums, pattern.networkWithheld, d))) ?? null;
    const published = POPULATIONS.map((population, i) => publishedEstimates(sums[i]!.members, pattern.networkWithheld[population], decimals));
    POPULATIONS.forEach((population, i) => {
      const totals = networkTotals(rows, population);
      const withheld = pattern.networkWithheld[population];
      figures[population][figure] = { decimals, ...published[i]!, network: withheld ? null : totals, networkWithheld: withheld };
    });
  }
  const populationSize = (population: Population) => clinics.filter((c) => inPopulation(c, population)).length;
  return {
    populations: {
      all: { clinics: populationSize('all'), figures: figures.all },
      research: { clinics: populationSize('research'), figures: figures.research },
    },
    breakdown: clinics.map((c, k) => ({ clinicId: c.clinicId, consenting: c.consenting, lines: lines[k]! })),
  };
}

const table = (cells: readonly number[]): TwoByTwo => ({ a: cells[0]!, b: cells[1]!, c: cells[2]!, d: cells[3]! });

type PopulationSums = { members: TwoByTwo[]; terms: MantelHaenszelTerms; pooled: TwoByTwo }[];

/** Each population's tables, Mantel–Haenszel sums and pooled table, in POPULATIONS order: the same at every precision. */
const populationSums = (rows: readonly NetworkRow[]): PopulationSums =>
  POPULATIONS.map((population) => {
    const members = rows.filter((r) => inPopulation(r, population)).map((r) => table(r.cells));
    return { members, terms: mantelHaenszelTermsOf(members), pooled: poolStrata(members) };
  });

/**
 * The published odds ratios of both populations with a few cells changed, as one string: the
 * Mantel–Haenszel sums and the pooled table (`base`) are updated for the changed strata only.
 */
function publishedFingerprint(
  rows: readonly NetworkRow[],
  base: PopulationSums,
  withheld: Record<Population, string | null>,
  decimals: number,
): (changes: readonly CellChange[]) => string {
  return (changes) => {
    const changed = new Map<number, number[]>();
    for (const { row, column, delta } of changes) {
      const cells = changed.get(row) ?? [...rows[row]!.cells];
      cells[column]! += delta;
      changed.set(row, cells);
    }
    return JSON.stringify(
      POPULATIONS.map((population, i) => {
        let { terms, pooled } = base[i]!;
        for (const [row, cells] of changed) {
          if (!inPopulation(rows[row]!, population)) continue;
          const before = table(rows[row]!.cells);
          const after = table(cells);
          terms = addTerms(addTerms(terms, mantelHaenszelTerms(before), -1), mantelHaenszelTerms(after));
          pooled = poolStrata([pooled, after, { a: -before.a, b: -before.b, c: -before.c, d: -before.d }]);
        }
        const n = withheld[population] ? null : stratumTotal(pooled);
        return {
          stratified: { ...rounded(mantelHaenszelFromTerms(terms), decimals), strata: base[i]!.members.length, n },
          crude: withheld[population] ? null : rounded(crudeOddsRatio([pooled]), decimals),
        };
      }),
    );
  };
}

/**
 * The published odds ratios of one population at `decimals` (null: withheld): stratified over every
 * clinic, crude from the network row (so withheld with it).
 */
export function publishedEstimates(strata: readonly TwoByTwo[], networkWithheld: string | null, decimals: number | null): Pick<PopulationFigure, 'stratified' | 'crude'> {
  const n = networkWithheld ? null : strata.reduce((s, t) => s + stratumTotal(t), 0);
  const shown = (e: Estimate) => (decimals === null ? unavailable(PINNING) : rounded(e, decimals));
  return {
    stratified: { ...shown(mantelHaenszelOddsRatio(strata)), strata: strata.length, n },
    crude: networkWithheld ? { ...unavailable(networkWithheld), n: null } : { ...shown(crudeOddsRatio(strata)), n },
  };
}

/** The estimate and bounds rounded; only the three figures, no pooled table. */
function rounded(e: Estimate, decimals: number): Estimate {
  if (e.estimate === null) return unavailable(e.reason);
  const round = (x: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
  if (round(e.estimate) === 0) return unavailable(`the odds ratio is below ${10 ** -decimals / 2} at the published precision`);
  return { estimate: round(e.estimate), lower: round(e.lower), upper: round(e.upper) };
}

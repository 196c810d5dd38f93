// The network table behind the network comparison (SPEC §5, §7): one row per clinic holding the
// 2×2 cells a, b, c, d of one figure (collaborative with/without the event, directive with/without),
// published with each row's total and, per population, a network row of column totals and the
// grand total. Two populations publish from the same rows: every clinic (directors, admins) and the
// clinics with research consent (researchers); their difference is the non-consenting clinics.
// Every audience sees the same suppression pattern, so one pattern is chosen for the whole table.
import type { AuditTarget, Attacker, DisclosureProblem, HiddenVariable, LinearRelation, Term } from './audit.js';
import { isSmallCount } from './small-count.js';

export const CELL_NAMES = ['a', 'b', 'c', 'd'] as const;
export type Cells = readonly [number, number, number, number];
export type NetworkRow = { clinicId: string; consenting: boolean; cells: Cells };
export type Population = 'all' | 'research';
export const POPULATIONS: readonly Population[] = ['all', 'research'];

export type NetworkPattern = {
  /** Per row, per cell (a, b, c, d): whether it is hidden. */
  hiddenCells: boolean[][];
  hiddenTotals: boolean[];
  /** Whether each population's network row (its four column totals and grand total) is published. */
  networkPublished: Record<Population, boolean>;
};

export const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);
export const inPopulation = (row: Pick<NetworkRow, 'consenting'>, population: Population): boolean => population === 'all' || row.consenting;

/** The network row of a population: four column totals, then the grand total. */
export function networkTotals(rows: readonly NetworkRow[], population: Population): number[] {
  const columns = CELL_NAMES.map((_, j) => sum(rows.filter((r) => inPopulation(r, population)).map((r) => r.cells[j]!)));
  return [...columns, sum(columns)];
}

/**
 * What the published table says, as a disclosure problem: every hidden cell is an unknown; every
 * published row total and every published network total of either population is a linear relation
 * (the attacker is assumed to link rows across views and to know which clinics consent); the
 * targets are the primary-suppressed figures (hidden cells, row totals and withheld network totals
 * of 1–10); the attackers are an outsider holding every view, and the director of each scope (every
 * clinic alone, and every multi-clinic scope given), who knows their clinics' cells.
 */
export function networkDisclosureProblem(rows: readonly NetworkRow[], pattern: NetworkPattern, scopes: readonly (readonly string[])[] = []): DisclosureProblem {
  const variables: HiddenVariable[] = [];
  const index: (number | undefined)[][] = rows.map((row, k) =>
    row.cells.map((value, j) => {
      if (!pattern.hiddenCells[k]![j]) return undefined;
      variables.push({ name: `${row.clinicId}.${CELL_NAMES[j]}`, value });
      return variables.length - 1;
    }),
  );
  // Σ hidden entries of `cells` = their true sum, as published value minus the shown entries.
  const linear = (cells: readonly [number, number][]) => {
    const terms: Term[] = [];
    let shown = 0;
    for (const [k, j] of cells) {
      const v = index[k]![j];
      if (v === undefined) shown += rows[k]!.cells[j]!;
      else terms.push({ variable: v, coefficient: 1 });
    }
    return { terms, shown, value: sum(cells.map(([k, j]) => rows[k]!.cells[j]!)) };
  };
  const rowCells = (k: number) => CELL_NAMES.map((_, j): [number, number] => [k, j]);
  const columnCells = (population: Population, j: number) => rows.flatMap((r, k): [number, number][] => (inPopulation(r, population) ? [[k, j]] : []));
  const populationCells = (population: Population) => CELL_NAMES.flatMap((_, j) => columnCells(population, j));

  const relations: LinearRelation[] = [];
  const targets: AuditTarget[] = [];
  const relate = (cells: readonly [number, number][]) => {
    const { terms, shown, value } = linear(cells);
    if (terms.length > 0) relations.push({ terms, value: value - shown });
  };
  const protect = (name: string, cells: readonly [number, number][]) => {
    const { terms, shown, value } = linear(cells);
    if (terms.length > 0 && isSmallCount(value)) targets.push({ name, terms, offset: shown, value });
  };

  rows.forEach((row, k) => {
    row.cells.forEach((value, j) => {
      const v = index[k]![j];
      if (v !== undefined && isSmallCount(value)) targets.push({ name: `${row.clinicId}.${CELL_NAMES[j]}`, terms: [{ variable: v, coefficient: 1 }], offset: 0, value });
    });
    if (pattern.hiddenTotals[k]) protect(`${row.clinicId}.total`, rowCells(k));
    else relate(rowCells(k));
  });
  for (const population of POPULATIONS) {
    const lines = [...CELL_NAMES.map((name, j) => [name, columnCells(population, j)] as const), ['total', populationCells(population)] as const];
    for (const [name, cells] of lines) {
      if (pattern.networkPublished[population]) relate(cells);
      else protect(`${population}.${name}`, cells);
    }
  }

  const byClinic = new Map(rows.map((r, k) => [r.clinicId, k]));
  const knownOf = (scope: readonly string[]) => scope.flatMap((id) => index[byClinic.get(id) ?? -1]?.filter((v): v is number => v !== undefined) ?? []);
  const attackers: Attacker[] = [
    { name: 'every published view', knows: [] },
    ...uniqueScopes([...rows.map((r) => [r.clinicId]), ...scopes]).map((scope) => ({ name: `director of ${scope.join('+')}`, knows: knownOf(scope) })),
  ];
  return { variables, relations, targets, attackers };
}

/** Scopes as sorted, de-duplicated clinic lists. */
export function uniqueScopes(scopes: readonly (readonly string[])[]): string[][] {
  const seen = new Map<string, string[]>();
  for (const scope of scopes) {
    const sorted = [...new Set(scope)].sort();
    seen.set(sorted.join('\u0000'), sorted);
  }
  return [...seen.values()];
}

// How a primary-suppressed cell can be protected inside one block of rows of the network table
// (network-table.ts), as sufficient conditions the optimiser chooses between. Each option is a move
// z that keeps every published relation (row totals, and each population's column totals when the
// block's rows are all of one consent class) and changes the cell by −v and by +(11 − v) while
// keeping every cell ≥ 0; an attacker's feasible interval then contains [0, 11] (SPEC §7). Moves
// touch only rows outside the attacker's scope, so each scope needs an option whose partner row
// lies outside it.
//  - rectangle (Cox 1980): rows k, l, columns j, j′: +t at (k,j) and (l,j′), −t at (k,j′) and (l,j).
//    Needs (k,j′), (l,j), (l,j′) hidden with x(k,j′) ≥ 11 − v, x(l,j) ≥ 11 − v, x(l,j′) ≥ v.
//  - column move: +t at (k,j), −t at (l,j): the row totals of k and l change, so both are hidden.
//    Needs x(l,j) ≥ 11 − v. A row of 1–10 (its total primary) moves every nonzero cell this way,
//    which takes the total down to 0 and up past 11.
//  - with no column totals published, within the row: Σ of the row's other hidden cells ≥ 11 − v.
import { type NetworkRow, sum } from './network-table.js';
import { PROTECTION_LEVEL, isSmallCount } from './small-count.js';

export type Block = {
  rows: readonly NetworkRow[];
  /** Whether column totals over exactly these rows' class are published (else only row totals). */
  columnsPublished: boolean;
  /** Director scopes as row indexes of this block (clinics outside the block dropped); singletons implied. */
  scopes: readonly (readonly number[])[];
};

export type Cell = readonly [row: number, column: number];
export type ProtectionOption = { partner: number; cells: Cell[]; totals: number[] };
export type PrimaryCell = {
  cell: Cell;
  value: number;
  options: ProtectionOption[];
  /** For each scope, at least one chosen option's partner must lie outside it ([] = any option). */
  scopes: (readonly number[])[];
};
/** Without column totals: Σ x·hidden over `cells` ≥ need. */
export type RowCover = { cell: Cell; cells: Cell[]; need: number };

export type BlockProtection = { forcedCells: Cell[]; forcedTotals: number[]; primaries: PrimaryCell[]; covers: RowCover[] };

/** Partners kept per option kind: enough choice for the optimiser, small enough to stay fast. */
const PARTNERS = 4;

export function blockProtection(block: Block): BlockProtection {
  const { rows } = block;
  const x = (k: number, j: number) => rows[k]!.cells[j]!;
  const smallRow = rows.map((r) => isSmallCount(sum(r.cells)));
  const forcedCells: Cell[] = [];
  rows.forEach((r, k) => {
    r.cells.forEach((v, j) => {
      if (isSmallCount(v)) forcedCells.push([k, j]);
    });
  });
  const forcedTotals = rows.flatMap((_, k) => (smallRow[k] ? [k] : []));
  const primaries: PrimaryCell[] = [];
  const covers: RowCover[] = [];
  const order = costOrders(rows.length, x);

  for (const [k, j] of forcedCells) {
    const v = x(k, j);
    if (!block.columnsPublished) {
      // A row of 1–10 has its total hidden and no column relation: its cells appear in no relation.
      if (!smallRow[k]) covers.push({ cell: [k, j], cells: [0, 1, 2, 3].filter((c) => c !== j).map((c): Cell => [k, c]), need: PROTECTION_LEVEL - v });
      continue;
    }
    const options: ProtectionOption[] = [];
    if (!smallRow[k]) {
      for (const j2 of [0, 1, 2, 3].filter((c) => c !== j && x(k, c) >= PROTECTION_LEVEL - v)) {
        const fit = (l: number) => l !== k && x(l, j) >= PROTECTION_LEVEL - v && x(l, j2) >= v;
        // fit needs x(l, j) + x(l, j2) ≥ (11 − v) + v: no cheaper row of the pair order fits.
        const partners = nearest(order.pair(j, j2), PROTECTION_LEVEL, fit, block.scopes, k);
        options.push(...partners.map((l): ProtectionOption => ({ partner: l, cells: [[k, j2], [l, j], [l, j2]], totals: [] })));
      }
    }
    const movable = (l: number) => l !== k && x(l, j) >= PROTECTION_LEVEL - v;
    options.push(...nearest(order.column(j), PROTECTION_LEVEL - v, movable, block.scopes, k).map((l): ProtectionOption => ({ partner: l, cells: [[l, j]], totals: [k, l] })));
    const partners = [...new Set(options.map((o) => o.partner))];
    const scopes: (readonly number[])[] = [[], ...partners.map((l) => [l]), ...block.scopes.filter((s) => s.length > 1 && !s.includes(k))];
    primaries.push({ cell: [k, j], value: v, options, scopes });
  }
  return { forcedCells, forcedTotals, primaries, covers };
}

/** Rows by a cost, cheapest first, with their costs. */
type CostOrder = { rows: readonly number[]; costs: readonly number[] };

/**
 * Rows by the cost of hiding them as a partner: by one cell (column moves) or by the sum of two
 * (rectangles), each sorted once per block, so choosing partners walks a list from the first row
 * that costs enough (nearest) instead of scanning the block for every primary cell (a block may
 * be a whole consent class).
 */
function costOrders(size: number, x: (k: number, j: number) => number) {
  const cache = new Map<string, CostOrder>();
  const sorted = (name: string, cost: (l: number) => number) => {
    let order = cache.get(name);
    if (!order) {
      const rows = Array.from({ length: size }, (_, l) => l).sort((p, q) => cost(p) - cost(q));
      order = { rows, costs: rows.map(cost) };
      cache.set(name, order);
    }
    return order;
  };
  return {
    column: (j: number) => sorted(`${j}`, (l) => x(l, j)),
    pair: (j: number, j2: number) => sorted(`${Math.min(j, j2)},${Math.max(j, j2)}`, (l) => x(l, j) + x(l, j2)),
  };
}

/** The position of the first row of `order` that costs at least `least` (binary search). */
function firstCosting(order: CostOrder, least: number): number {
  let low = 0;
  let high = order.costs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (order.costs[mid]! < least) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The first few fitting rows of `order` (cheapest first), plus, for each multi-clinic scope not
 * holding `k` that they leave with fewer than two partners outside it, the two cheapest outside it.
 * No row costing less than `least` fits, so the walk starts at the first that costs that much: in a
 * network of small clinics most rows are too small to be partners, and each primary cell would
 * otherwise walk past all of them.
 */
function nearest(order: CostOrder, least: number, fits: (l: number) => boolean, scopes: readonly (readonly number[])[], k: number): number[] {
  const start = firstCosting(order, least);
  const first = (allowed: (l: number) => boolean, count: number) => {
    const found: number[] = [];
    for (let at = start; at < order.rows.length && found.length < count; at++) {
      const l = order.rows[at]!;
      if (fits(l) && allowed(l)) found.push(l);
    }
    return found;
  };
  const chosen = new Set(first(() => true, PARTNERS));
  for (const scope of scopes) {
    if (scope.length < 2 || scope.includes(k) || [...chosen].filter((l) => !scope.includes(l)).length >= 2) continue;
    for (const l of first((l) => !scope.includes(l), 2)) chosen.add(l);
  }
  return [...chosen];
}

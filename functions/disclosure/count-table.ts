// Cell suppression of a count table published with its row totals, column totals and grand total
// (SPEC §7; CMS cell-size suppression policy), for tables other than the network comparison (whose
// pattern protect-network.ts chooses jointly for every audience): the research export's `aggregate`
// profile. Every count of 1–10 is hidden, then complementary entries until no hidden entry can be
// recomputed from the published ones; protectCountTable() then runs the LP audit (audit.ts) and,
// while a primary cell's feasible interval misses 0 or 11, hides the smallest published entries of
// its row and column and closes the pattern again. Hiding more only widens the intervals, so it ends
// protected, or with nothing left to hide (then the caller withholds the table).
//
// The table is treated as an (R+1)×(C+1) array in which every row and column is a linear constraint
// (cells sum to the total). View each hidden entry as an edge between its row and its column: an
// entry is recoverable from the published figures exactly when that edge is a bridge (lies on no
// cycle): the system's null space is spanned by the cycles. So suppression runs until no hidden edge
// is a bridge:
//  1. a line with exactly one hidden entry also hides its smallest other entry;
//  2. a bridge between two cyclic parts is closed by hiding the smallest entry that joins the two
//     sides (a row on the column's side with a column on the row's side).
// Positive entries are preferred as complements; a zero is chosen only when nothing else is left.
import { auditDisclosure, type AuditTarget, type DisclosureProblem, type HiddenVariable, type LinearRelation, type Term } from './audit.js';
import { isSmallCount } from './small-count.js';

/** A published entry: its count, or null and `suppressed` (primary and complementary alike). */
export type PublishedEntry = { count: number; suppressed: false } | { count: null; suppressed: true };

export type SuppressedCountTable = {
  cells: PublishedEntry[][];
  rowTotals: PublishedEntry[];
  columnTotals: PublishedEntry[];
  grandTotal: PublishedEntry;
  suppressedCount: number;
  /** The full table, row and column totals included, as suppressCountTable saw it (for the audit). */
  values: number[][];
  /** Which entries of `values` are hidden. */
  hidden: boolean[][];
};

type Position = [row: number, column: number];

/**
 * The suppressed table and whether it meets the protection rule against anyone holding it; when
 * `protected` is false every way of hiding more was tried and the table must not be published.
 */
export async function protectCountTable(cells: readonly (readonly number[])[], columns: number): Promise<SuppressedCountTable & { protected: boolean }> {
  let table = suppressCountTable(cells, columns);
  for (;;) {
    const { violations } = await auditDisclosure(countTableDisclosureProblem(table));
    if (violations.length === 0) return { ...table, protected: true };
    const { values, hidden } = table;
    let widened = false;
    for (const v of violations) {
      const [r, c] = v.target.slice(1).split('c').map(Number) as [number, number];
      const smallestOpen = (line: Position[]) =>
        line.filter(([x, y]) => !hidden[x]![y]!).sort(([a, b], [x, y]) => values[a]![b]! - values[x]![y]!)[0];
      for (const line of [values[r]!.map((_, y): Position => [r, y]), values.map((_, x): Position => [x, c])]) {
        const next = smallestOpen(line);
        if (next) {
          hidden[next[0]]![next[1]] = true;
          widened = true;
        }
      }
    }
    if (!widened) return { ...table, protected: false };
    complement(values, hidden);
    table = published(values, hidden);
  }
}

export function suppressCountTable(cells: readonly (readonly number[])[], columns: number): SuppressedCountTable {
  const rows = cells.length;
  // Extended array: row `rows` holds column totals, column `columns` holds row totals.
  const values: number[][] = Array.from({ length: rows + 1 }, (_, r) =>
    Array.from({ length: columns + 1 }, (_, c) => {
      if (r < rows && c < columns) return cells[r]![c]!;
      if (r < rows) return cells[r]!.reduce((s, v) => s + v, 0);
      if (c < columns) return cells.reduce((s, row) => s + row[c]!, 0);
      return cells.reduce((s, row) => s + row.reduce((t, v) => t + v, 0), 0);
    }),
  );
  const hidden = values.map((row) => row.map((v) => isSmallCount(v)));
  if (rows > 0 && columns > 0) complement(values, hidden);
  return published(values, hidden);
}

function published(values: number[][], hidden: boolean[][]): SuppressedCountTable {
  const rows = values.length - 1;
  const columns = (values[0]?.length ?? 1) - 1;
  const publish = (r: number, c: number): PublishedEntry => (hidden[r]![c]! ? { count: null, suppressed: true } : { count: values[r]![c]!, suppressed: false });
  return {
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => publish(r, c))),
    rowTotals: Array.from({ length: rows }, (_, r) => publish(r, columns)),
    columnTotals: Array.from({ length: columns }, (_, c) => publish(rows, c)),
    grandTotal: publish(rows, columns),
    suppressedCount: hidden.flat().filter(Boolean).length,
    values,
    hidden,
  };
}

/**
 * The LP audit's problem for a published count table, against an attacker who holds only what is
 * published (every row and column of the extended table sums to its total; hidden entries are the
 * unknowns, each ≥ 0). The targets are the primary cells: hidden entries of 1–10.
 */
export function countTableDisclosureProblem(table: SuppressedCountTable): DisclosureProblem {
  const { values, hidden } = table;
  const R = values.length;
  const C = values[0]?.length ?? 0;
  const index = new Map<string, number>();
  const variables: HiddenVariable[] = [];
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++)
      if (hidden[r]![c]) {
        index.set(`${r},${c}`, variables.length);
        variables.push({ name: `r${r}c${c}`, value: values[r]![c]! });
      }
  // A line: its entries sum to its total (the last entry of the line).
  const relation = (entries: Position[], total: Position): LinearRelation => {
    const terms: Term[] = [];
    let value = 0;
    const add = ([r, c]: Position, coefficient: number) => {
      const v = index.get(`${r},${c}`);
      if (v === undefined) value -= coefficient * values[r]![c]!;
      else terms.push({ variable: v, coefficient });
    };
    for (const e of entries) add(e, 1);
    add(total, -1);
    return { terms, value };
  };
  const relations: LinearRelation[] = [];
  for (let r = 0; r < R; r++) relations.push(relation(Array.from({ length: C - 1 }, (_, c): Position => [r, c]), [r, C - 1]));
  for (let c = 0; c < C; c++) relations.push(relation(Array.from({ length: R - 1 }, (_, r): Position => [r, c]), [R - 1, c]));
  const targets: AuditTarget[] = variables.flatMap((v, i) => (isSmallCount(v.value) ? [{ name: v.name, terms: [{ variable: i, coefficient: 1 }], offset: 0, value: v.value }] : []));
  return { variables, relations: relations.filter((r) => r.terms.length > 0), targets, attackers: [{ name: 'anyone with the published table', knows: [] }] };
}

function complement(values: number[][], hidden: boolean[][]): void {
  const R = values.length;
  const C = values[0]!.length;
  const suppressed = (r: number, c: number) => hidden[r]![c]!;
  const suppressSmallest = (candidates: Position[]) => {
    const open = candidates.filter(([r, c]) => !suppressed(r, c));
    // Smallest positive first; zero only as a last resort (it hides nothing on its own).
    const rank = ([r, c]: Position) => (values[r]![c]! > 0 ? values[r]![c]! : Number.MAX_SAFE_INTEGER);
    const best = open.reduce<Position | undefined>((b, p) => (!b || rank(p) < rank(b) ? p : b), undefined);
    if (best) hidden[best[0]]![best[1]] = true;
    return best !== undefined;
  };
  const lines = (): Position[][] => [
    ...Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c): Position => [r, c])),
    ...Array.from({ length: C }, (_, c) => Array.from({ length: R }, (_, r): Position => [r, c])),
  ];

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines()) {
      if (line.filter(([r, c]) => suppressed(r, c)).length === 1 && suppressSmallest(line)) changed = true;
    }
    if (changed) continue;
    const bridge = findBridge(R, C, suppressed);
    if (bridge) {
      const [rowSide, columnSide] = bridge;
      const joining: Position[] = [];
      for (const r of columnSide.rows) for (const c of rowSide.columns) joining.push([r, c]);
      changed = suppressSmallest(joining);
    }
  }
}

type Side = { rows: number[]; columns: number[] };

/** A suppressed entry lying on no cycle, as the two sides its removal separates. */
function findBridge(R: number, C: number, suppressed: (r: number, c: number) => boolean): [Side, Side] | undefined {
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (!suppressed(r, c)) continue;
      const rowSide = reachable(R, C, (x, y) => suppressed(x, y) && !(x === r && y === c), { row: r });
      if (rowSide.columns.includes(c)) continue;
      const columnSide = reachable(R, C, (x, y) => suppressed(x, y) && !(x === r && y === c), { column: c });
      return [rowSide, columnSide];
    }
  }
  return undefined;
}

function reachable(R: number, C: number, edge: (r: number, c: number) => boolean, from: { row: number } | { column: number }): Side {
  const rows = new Set<number>();
  const columns = new Set<number>();
  const queue: ({ row: number } | { column: number })[] = [from];
  if ('row' in from) rows.add(from.row);
  else columns.add(from.column);
  for (let next = queue.shift(); next; next = queue.shift()) {
    if ('row' in next) {
      for (let c = 0; c < C; c++) {
        if (!edge(next.row, c) || columns.has(c)) continue;
        columns.add(c);
        queue.push({ column: c });
      }
    } else {
      for (let r = 0; r < R; r++) {
        if (!edge(r, next.column) || rows.has(r)) continue;
        rows.add(r);
        queue.push({ row: r });
      }
    }
  }
  return { rows: [...rows], columns: [...columns] };
}

// Cell suppression for anything that leaves a clinic (SPEC §7; CMS cell-size suppression policy):
// every count of 1–10 clients or goals is suppressed (zero may be shown), then complementary cells
// are suppressed until no suppressed count can be recomputed from what is published.
//
// The table is published with its row totals, column totals and grand total, so it is treated as an
// (R+1)×(C+1) array in which every row and column is a linear constraint (cells sum to the total).
// View each suppressed entry as an edge between its row and its column: an entry is recoverable
// from the published figures exactly when that edge is a bridge (lies on no cycle) — the system's
// null space is spanned by the cycles. So suppression runs until no suppressed edge is a bridge:
//  1. a line with exactly one suppressed entry also suppresses its smallest other entry;
//  2. a bridge between two cyclic parts is closed by suppressing the smallest entry that joins
//     the two sides (a row on the column's side with a column on the row's side).
// Positive entries are preferred as complements; a zero is chosen only when nothing else is left.

export type SuppressionReason = 'small_cell' | 'complementary';
export type PublishedCount = { count: number; suppressed: false } | { count: null; suppressed: SuppressionReason };

export type SuppressedTable = {
  cells: PublishedCount[][];
  rowTotals: PublishedCount[];
  columnTotals: PublishedCount[];
  grandTotal: PublishedCount;
  suppressedCount: number;
};

const SMALL_MIN = 1;
const SMALL_MAX = 10;
export const isSmallCount = (n: number): boolean => n >= SMALL_MIN && n <= SMALL_MAX;

type Position = [row: number, column: number];

export type SuppressionOptions = {
  /** Needed only for a table with no rows, whose column totals are then all zero. */
  columns?: number;
  /**
   * Rows the reader knows already (a director's own clinic): they protect nothing, so they are
   * never chosen as complements and count as known when checking what can be recomputed. Their
   * 1–10 entries are still withheld from the output.
   */
  knownRows?: readonly number[];
};

export function suppressTable(cells: readonly (readonly number[])[], options: SuppressionOptions = {}): SuppressedTable {
  const rows = cells.length;
  const columns = options.columns ?? cells[0]?.length ?? 0;
  const known = new Set(options.knownRows ?? []);
  // Extended array: row `rows` holds column totals, column `columns` holds row totals.
  const values: number[][] = Array.from({ length: rows + 1 }, (_, r) =>
    Array.from({ length: columns + 1 }, (_, c) => {
      if (r < rows && c < columns) return cells[r]![c]!;
      if (r < rows) return cells[r]!.reduce((s, v) => s + v, 0);
      if (c < columns) return cells.reduce((s, row) => s + row[c]!, 0);
      return cells.reduce((s, row) => s + row.reduce((t, v) => t + v, 0), 0);
    }),
  );
  const reason: (SuppressionReason | null)[][] = values.map((row, r) => row.map((v) => (!known.has(r) && isSmallCount(v) ? 'small_cell' : null)));
  if (rows > 0 && columns > 0) complement(values, reason, known);
  for (const r of known) reason[r] = values[r]!.map((v) => (isSmallCount(v) ? 'small_cell' : null));

  const publish = (r: number, c: number): PublishedCount => {
    const why = reason[r]![c]!;
    return why ? { count: null, suppressed: why } : { count: values[r]![c]!, suppressed: false };
  };
  return {
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => publish(r, c))),
    rowTotals: Array.from({ length: rows }, (_, r) => publish(r, columns)),
    columnTotals: Array.from({ length: columns }, (_, c) => publish(rows, c)),
    grandTotal: publish(rows, columns),
    suppressedCount: reason.flat().filter(Boolean).length,
  };
}

function complement(values: number[][], reason: (SuppressionReason | null)[][], known: ReadonlySet<number>): void {
  const R = values.length;
  const C = values[0]!.length;
  const suppressed = (r: number, c: number) => reason[r]![c]! !== null;
  const suppressSmallest = (candidates: Position[]) => {
    const open = candidates.filter(([r, c]) => !suppressed(r, c) && !known.has(r));
    // Smallest positive first; zero only as a last resort (it hides nothing on its own).
    const rank = ([r, c]: Position) => (values[r]![c]! > 0 ? values[r]![c]! : Number.MAX_SAFE_INTEGER);
    const best = open.reduce<Position | undefined>((b, p) => (!b || rank(p) < rank(b) ? p : b), undefined);
    if (best) reason[best[0]]![best[1]] = 'complementary';
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

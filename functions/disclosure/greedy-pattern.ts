// A quick pattern for one block from the same protection moves as the MIP (protection-options.ts):
// each primary cell, scope by scope, takes the move needing the fewest entries not yet hidden, and
// a row without column totals hides its smallest other cells until they cover the need. It is the
// fallback when the MIP runs out of its time budget, and the baseline the benchmark compares with.
import type { Block, BlockProtection, Cell } from './protection-options.js';

export type BlockPattern = { cells: boolean[][]; totals: boolean[] };

export function greedyPattern(block: Block, protection: BlockProtection): BlockPattern {
  const cells = block.rows.map(() => [false, false, false, false]);
  const totals = block.rows.map(() => false);
  for (const [k, j] of protection.forcedCells) cells[k]![j] = true;
  for (const k of protection.forcedTotals) totals[k] = true;
  const missing = (o: { cells: readonly Cell[]; totals: readonly number[] }) => o.cells.filter(([k, j]) => !cells[k]![j]).length + o.totals.filter((k) => !totals[k]).length;
  for (const p of protection.primaries) {
    for (const scope of p.scopes) {
      const open = p.options.filter((o) => !scope.includes(o.partner));
      if (open.length === 0 || open.some((o) => missing(o) === 0)) continue;
      const best = open.reduce((b, o) => (missing(o) < missing(b) ? o : b));
      for (const [k, j] of best.cells) cells[k]![j] = true;
      for (const k of best.totals) totals[k] = true;
    }
  }
  const value = ([k, j]: Cell) => block.rows[k]!.cells[j]!;
  for (const c of protection.covers) {
    let covered = c.cells.filter(([k, j]) => cells[k]![j]).reduce((s, cell) => s + value(cell), 0);
    for (const cell of [...c.cells].sort((x, y) => value(x) - value(y))) {
      if (covered >= c.need) break;
      if (cells[cell[0]]![cell[1]]) continue;
      cells[cell[0]]![cell[1]] = true;
      covered += value(cell);
    }
  }
  return { cells, totals };
}

/** Entries hidden: the MIP's objective is this count with a tie-break by value. */
export const hiddenEntries = (pattern: BlockPattern): number => pattern.cells.flat().filter(Boolean).length + pattern.totals.filter(Boolean).length;

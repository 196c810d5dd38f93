import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PublishedCount, type SuppressedTable, suppressTable } from '../../functions/metrics/suppression.js';

/** The published table as one (R+1)×(C+1) array: totals in the last row and column, null = suppressed. */
function published(t: SuppressedTable): (number | null)[][] {
  const value = (p: PublishedCount) => p.count;
  return [...t.cells.map((row, r) => [...row.map(value), value(t.rowTotals[r]!)]), [...t.columnTotals.map(value), value(t.grandTotal)]];
}

/**
 * Independent disclosure check by linear algebra (no graph reasoning): each row and column of the
 * extended table says Σ cells − total = 0. With the published values moved to the right-hand side,
 * a suppressed entry is recoverable exactly when its unit vector lies in the row space of the
 * constraint matrix over the suppressed unknowns.
 */
function recoverableEntries(table: (number | null)[][]): [number, number][] {
  const R = table.length;
  const C = table[0]!.length;
  const unknowns: [number, number][] = [];
  for (const [r, row] of table.entries()) for (const [c, v] of row.entries()) if (v === null) unknowns.push([r, c]);
  const index = new Map(unknowns.map(([r, c], i) => [`${r},${c}`, i]));
  const constraints: number[][] = [];
  const sign = (isTotal: boolean) => (isTotal ? -1 : 1);
  for (let r = 0; r < R; r++) {
    const row = new Array(unknowns.length).fill(0);
    for (let c = 0; c < C; c++) if (index.has(`${r},${c}`)) row[index.get(`${r},${c}`)!] = sign(c === C - 1);
    constraints.push(row);
  }
  for (let c = 0; c < C; c++) {
    const row = new Array(unknowns.length).fill(0);
    for (let r = 0; r < R; r++) if (index.has(`${r},${c}`)) row[index.get(`${r},${c}`)!] = sign(r === R - 1);
    constraints.push(row);
  }
  const base = rank(constraints);
  return unknowns.filter((_, i) => rank([...constraints, unknowns.map((__, j) => (i === j ? 1 : 0))]) === base);
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let rank = 0;
  const columns = m[0]?.length ?? 0;
  for (let col = 0; col < columns && rank < m.length; col++) {
    const pivot = m.findIndex((row, i) => i >= rank && Math.abs(row[col]!) > 1e-9);
    if (pivot < 0) continue;
    [m[rank], m[pivot]] = [m[pivot]!, m[rank]!];
    for (let i = 0; i < m.length; i++) {
      if (i === rank) continue;
      const f = m[i]![col]! / m[rank]![col]!;
      if (f !== 0) m[i] = m[i]!.map((v, j) => v - f * m[rank]![j]!);
    }
    rank += 1;
  }
  return rank;
}

describe('recoverableEntries (the test oracle)', () => {
  it('finds a lone suppressed cell, and a bridge between two suppressed cycles', () => {
    expect(recoverableEntries([[null, 5, 12], [3, 4, 7], [8, 9, 17]])).toEqual([[0, 0]]);
    const bridged = [
      [null, null, 50, 50, 100],
      [null, null, null, 50, 100],
      [50, 50, null, null, 100],
      [50, 50, null, null, 100],
      [110, 110, 60, 110, 390],
    ];
    expect(recoverableEntries(bridged)).toEqual([[1, 2]]);
  });
});

describe('suppressTable', () => {
  it('publishes a table without small counts untouched, zeros included', () => {
    const t = suppressTable([
      [20, 0],
      [15, 40],
    ]);
    expect(t.suppressedCount).toBe(0);
    expect(published(t)).toEqual([
      [20, 0, 20],
      [15, 40, 55],
      [35, 40, 75],
    ]);
  });

  it('suppresses a small cell and the next-smallest in its row and column, so totals do not give it away', () => {
    const t = suppressTable([
      [5, 30, 40],
      [20, 25, 50],
      [60, 70, 80],
    ]);
    expect(t.cells[0]![0]).toEqual({ count: null, suppressed: 'small_cell' });
    // Row 0: next smallest is 30; column 0: next smallest is 20; then row 1 and column 1 pair up on 25.
    expect(published(t)).toEqual([
      [null, null, 40, 75],
      [null, null, 50, 95],
      [60, 70, 80, 210],
      [85, 125, 170, 380],
    ]);
    expect(t.cells[1]![1]).toEqual({ count: null, suppressed: 'complementary' });
    expect(recoverableEntries(published(t))).toEqual([]);
  });

  it('suppresses small totals too', () => {
    const t = suppressTable([[4, 3]]);
    expect(t.grandTotal).toEqual({ count: null, suppressed: 'small_cell' });
    expect(t.suppressedCount).toBe(6);
  });

  it('closes a bridge between two suppressed blocks that single-line checks miss', () => {
    // Two 2×2 blocks of small cells, linked by one small cell in row 1 / column 2: every line has two
    // suppressed entries, yet the link would be recoverable without a further complement.
    const t = suppressTable([
      [5, 5, 50, 50],
      [5, 5, 5, 50],
      [50, 50, 5, 5],
      [50, 50, 5, 5],
    ]);
    expect(recoverableEntries(published(t))).toEqual([]);
  });

  const tables = fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
    .chain(([rows, columns]) =>
      fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 11, max: 200 })), { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      }),
    );

  it('property: no published count is 1–10, and published counts are the true ones', () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const t = suppressTable(cells);
        const shown = published(t).flat();
        expect(shown.filter((v) => v !== null && v >= 1 && v <= 10)).toEqual([]);
        for (const [r, row] of t.cells.entries()) for (const [c, p] of row.entries()) if (p.count !== null) expect(p.count).toBe(cells[r]![c]);
        expect(t.suppressedCount).toBe(shown.filter((v) => v === null).length);
      }),
      { numRuns: 500 },
    );
  });

  it('property: no suppressed entry can be recomputed from the published totals', () => {
    fc.assert(
      fc.property(tables, (cells) => {
        expect(recoverableEntries(published(suppressTable(cells)))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

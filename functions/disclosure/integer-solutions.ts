// Integer enumeration of an attacker's solution set, for small populations: every assignment of
// non-negative integers to the hidden entries that satisfies every published linear relation, the
// attacker's known entries fixed. Published nonlinear figures (odds ratios and their intervals) are
// then checked against each solution by the caller: a hidden cell is pinned by them if the solutions
// that reproduce every published figure all give it the same value.
// Method: Gauss–Jordan elimination of the relations over the unknowns; the free unknowns are
// enumerated over [0, bound] and the pivots follow.
import type { Attacker, DisclosureProblem } from './audit.js';

/** Upper bound for an unknown that no relation bounds (its true value is always included). */
const UNBOUNDED_CAP = 40;
/** Stop after this many candidate assignments of the free unknowns. */
const CANDIDATE_LIMIT = 5_000_000;

export function* integerSolutions(problem: DisclosureProblem, attacker: Attacker): Generator<number[]> {
  const known = new Set(attacker.knows);
  const truth = problem.variables.map((v) => v.value);
  const unknowns = problem.variables.map((_, i) => i).filter((i) => !known.has(i));
  const column = new Map(unknowns.map((v, c) => [v, c]));
  const n = unknowns.length;
  // Augmented rows [coefficients…, value] over the unknowns, known entries moved to the right.
  const matrix = problem.relations.map((r) => {
    const row = new Array<number>(n + 1).fill(0);
    row[n] = r.value;
    for (const t of r.terms) {
      if (known.has(t.variable)) row[n]! -= t.coefficient * truth[t.variable]!;
      else row[column.get(t.variable)!]! += t.coefficient;
    }
    return row;
  });
  // Every relation here has non-negative coefficients of 1, so an unknown is at most its relation's value.
  const bound = unknowns.map((v) => {
    const limits = matrix.filter((row) => row[column.get(v)!]! > 0 && row.slice(0, n).every((c) => c >= 0)).map((row) => row[n]!);
    return Math.max(truth[v]!, limits.length > 0 ? Math.min(...limits) : UNBOUNDED_CAP);
  });
  const pivots = reduce(matrix, n);
  const pivotColumns = new Set(pivots.map((p) => p.column));
  const free = unknowns.map((_, c) => c).filter((c) => !pivotColumns.has(c));
  let budget = CANDIDATE_LIMIT;
  const values = new Array<number>(n).fill(0);
  // Pruning: a pivot is rhs − Σ coefficient·free; with free unknowns i… still open, its range is the
  // assigned part minus the open part's [min, max] contribution. Prune once it cannot land in [0, bound].
  const openRange = pivots.map((p) =>
    free.map((_, i) =>
      free.slice(i).reduce<[number, number]>(
        ([lo, hi], c) => {
          const contribution = matrix[p.row]![c]! * bound[c]!;
          return [lo + Math.min(0, contribution), hi + Math.max(0, contribution)];
        },
        [0, 0],
      ),
    ),
  );
  const partial = pivots.map((p) => matrix[p.row]![n]!);
  function* assign(i: number): Generator<number[]> {
    if (budget-- <= 0) return;
    if (i < free.length) {
      for (let q = 0; q < pivots.length; q++) {
        const [lo, hi] = openRange[q]![i]!;
        if (partial[q]! - lo < -1e-6 || partial[q]! - hi > bound[pivots[q]!.column]! + 1e-6) return;
      }
      const c = free[i]!;
      for (let value = 0; value <= bound[c]!; value++) {
        values[c] = value;
        pivots.forEach((p, q) => {
          partial[q]! -= matrix[p.row]![c]! * value;
        });
        yield* assign(i + 1);
        pivots.forEach((p, q) => {
          partial[q]! += matrix[p.row]![c]! * value;
        });
      }
      return;
    }
    for (let q = 0; q < pivots.length; q++) {
      const v = partial[q]!;
      const rounded = Math.round(v);
      if (Math.abs(v - rounded) > 1e-6 || rounded < 0 || rounded > bound[pivots[q]!.column]!) return;
      values[pivots[q]!.column] = rounded;
    }
    const solution = [...truth];
    unknowns.forEach((v, c) => {
      solution[v] = values[c]!;
    });
    yield solution;
  }
  yield* assign(0);
}

/** Gauss–Jordan elimination in place; the pivot (row, column) pairs. */
function reduce(matrix: number[][], columns: number): { row: number; column: number }[] {
  const pivots: { row: number; column: number }[] = [];
  let row = 0;
  for (let c = 0; c < columns && row < matrix.length; c++) {
    const p = matrix.findIndex((r, i) => i >= row && Math.abs(r[c]!) > 1e-9);
    if (p < 0) continue;
    [matrix[row], matrix[p]] = [matrix[p]!, matrix[row]!];
    const pivot = matrix[row]!;
    const scale = pivot[c]!;
    for (let k = 0; k <= columns; k++) pivot[k]! /= scale;
    matrix.forEach((r, i) => {
      if (i === row || Math.abs(r[c]!) < 1e-12) return;
      const f = r[c]!;
      for (let k = 0; k <= columns; k++) r[k]! -= f * pivot[k]!;
    });
    pivots.push({ row, column: c });
    row += 1;
  }
  return pivots;
}

// The count, sum and sum of squares of a sample, kept exactly (exact-sum.ts) so that samples merge
// in any order to the same figures: a mergeable stand-in for the list of values behind a mean, a
// standard deviation or Hedges' g.
//
// Sample variance from the moments, s² = (n·Σx² − (Σx)²) / (n(n − 1)) (e.g. Chan TF, Golub GH,
// LeVeque RJ (1983) Algorithms for computing the sample variance. Am Stat 37:242–247, eq. 1.2).
// That textbook formula cancels catastrophically in floating point; here n·Σx² − (Σx)² is formed
// exactly from the partials (every product by TwoProduct, the terms summed by exactValue) and
// rounded once, so equal values give exactly 0 and the cancellation costs nothing.
import { type ExactSum, addExact, addProductExact, exactMean, exactValue } from './exact-sum.js';

export type Moments = { n: number; sum: ExactSum; sumOfSquares: ExactSum };
export type SampleSummary = { n: number; mean: number; sd: number };

export const emptyMoments = (): Moments => ({ n: 0, sum: [], sumOfSquares: [] });

/** Adds x in place; x² goes in exactly, as two doubles. */
export function addToMoments(m: Moments, x: number): void {
  m.n += 1;
  addExact(m.sum, x);
  addProductExact(m.sumOfSquares, x, x);
}

export function momentsOf(values: readonly number[]): Moments {
  const m = emptyMoments();
  for (const v of values) addToMoments(m, v);
  return m;
}

export const momentsMean = (m: Moments): number | null => exactMean(m.sum, m.n);

/** n, mean and sample standard deviation (n − 1 denominator; 0 for one value), or null when empty. */
export function momentsSummary(m: Moments): SampleSummary | null {
  const { n } = m;
  if (n === 0) return null;
  const scaled: ExactSum = [];
  for (const q of m.sumOfSquares) addProductExact(scaled, n, q);
  for (const s of m.sum) for (const t of m.sum) addProductExact(scaled, -s, t);
  const scaledSquares = exactValue(scaled);
  const variance = n > 1 ? Math.max(0, scaledSquares) / (n * (n - 1)) : 0;
  return { n, mean: exactValue(m.sum) / n, sd: Math.sqrt(variance) };
}

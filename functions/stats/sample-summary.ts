// Mean and sample standard deviation (n − 1 denominator) of a list of numbers.
import { sortedSum } from './descriptive.js';

export type SampleSummary = { n: number; mean: number; sd: number };

export function summarizeSample(values: readonly number[]): SampleSummary | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = sortedSum(values) / n;
  const squares = sortedSum(values.map((v) => (v - mean) ** 2));
  return { n, mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : 0 };
}

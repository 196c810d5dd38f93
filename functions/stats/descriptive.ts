// Plain descriptive figures used by the metrics; each returns null on an empty list, never NaN.

/** Summed in sorted order, so the float result does not depend on the order values arrive in. */
export const sortedSum = (values: readonly number[]): number => [...values].sort((x, y) => x - y).reduce((s, v) => s + v, 0);

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : sortedSum(values) / values.length;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

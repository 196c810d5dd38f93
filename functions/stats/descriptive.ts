// Plain descriptive figures used by the metrics; each returns null on an empty list, never NaN.
import { exactMean, exactSumOf } from './exact-sum.js';

/** The exact sum rounded once (exact-sum.ts), so the result does not depend on the order values arrive in. */
export const mean = (values: readonly number[]): number | null => exactMean(exactSumOf(values), values.length);

export const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

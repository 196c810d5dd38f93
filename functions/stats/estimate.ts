// The one result shape of every comparison figure (SPEC §5): a point estimate with its 95%
// interval, or `null` with the reason it cannot be computed — never 0, NaN or Infinity, so the
// figure is JSON-safe and a reader is told why it is missing.
export type Estimate =
  | { estimate: number; lower: number; upper: number }
  | { estimate: null; reason: string };

export type Unavailable = { estimate: null; reason: string };

// SPEC §5: the two-sided 95% standard normal quantile, Φ⁻¹(0.975).
export const Z_95 = 1.959964;

export const unavailable = (reason: string): Unavailable => ({ estimate: null, reason });

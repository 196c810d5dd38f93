// Wilson score interval for one proportion, without continuity correction.
// Source: Wilson EB (1927) JASA 22:209–212; method 3 in Newcombe RG (1998) "Two-sided confidence
// intervals for the single proportion: comparison of seven methods", Stat Med 17:857–872:
//   (2np + z² ± z·√(z² + 4np(1−p))) / (2(n + z²))
import { type Estimate, Z_95, unavailable } from './estimate.js';

export type ProportionEstimate = Estimate & { events: number; n: number };

export function wilsonInterval(events: number, n: number, z: number = Z_95): ProportionEstimate {
  if (n <= 0) return { ...unavailable('no observations'), events, n };
  const p = events / n;
  const z2 = z * z;
  const centre = 2 * n * p + z2;
  const halfWidth = z * Math.sqrt(z2 + 4 * n * p * (1 - p));
  const denominator = 2 * (n + z2);
  return {
    estimate: p,
    // Clamped only against floating-point drift at p = 0 or 1; the score interval stays in [0, 1].
    lower: Math.max(0, (centre - halfWidth) / denominator),
    upper: Math.min(1, (centre + halfWidth) / denominator),
    events,
    n,
  };
}

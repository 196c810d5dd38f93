// Difference of two independent proportions p₁ − p₂ with Newcombe's hybrid score interval.
// Source: Newcombe RG (1998) "Interval estimation for the difference between independent
// proportions: comparison of eleven methods", Stat Med 17:873–890, method 10 (SPEC §5):
//   L = d − √((p₁−l₁)² + (u₂−p₂)²),  U = d + √((u₁−p₁)² + (p₂−l₂)²)
// where (lᵢ, uᵢ) are the Wilson score limits of pᵢ.
import { type Estimate, Z_95, unavailable } from './estimate.js';
import { wilsonInterval } from './wilson-interval.js';

export type DifferenceEstimate = Estimate & { events1: number; n1: number; events2: number; n2: number };

export function newcombeDifference(
  events1: number,
  n1: number,
  events2: number,
  n2: number,
  z: number = Z_95,
): DifferenceEstimate {
  const counts = { events1, n1, events2, n2 };
  const group1 = wilsonInterval(events1, n1, z);
  const group2 = wilsonInterval(events2, n2, z);
  if (group1.estimate === null) return { ...unavailable('no observations in group 1'), ...counts };
  if (group2.estimate === null) return { ...unavailable('no observations in group 2'), ...counts };
  const p1 = group1.estimate;
  const p2 = group2.estimate;
  const d = p1 - p2;
  return {
    estimate: d,
    lower: Math.max(-1, d - Math.hypot(p1 - group1.lower, group2.upper - p2)),
    upper: Math.min(1, d + Math.hypot(group1.upper - p1, p2 - group2.lower)),
    ...counts,
  };
}

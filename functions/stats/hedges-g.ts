// Standardised mean difference, group 1 − group 2, with Hedges' small-sample correction (SPEC §5):
//   g = J·(m₁ − m₂)/s_pooled,  J = 1 − 3/(4(n₁+n₂) − 9),
//   s_pooled = √(((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2)),
//   SE ≈ √((n₁+n₂)/(n₁n₂) + g²/(2(n₁+n₂))),  CI = g ± z·SE.
// Sources: Hedges LV (1981) J Educ Stat 6:107–128; Hedges LV, Olkin I (1985) Statistical Methods
// for Meta-Analysis, ch. 5; Borenstein M et al. (2009) Introduction to Meta-Analysis, ch. 4.
import { type Estimate, Z_95, unavailable } from './estimate.js';
import type { SampleSummary } from './moments.js';

export type EffectSizeEstimate = Estimate & { n1: number; n2: number; mean1: number | null; mean2: number | null };

export function hedgesG(group1: SampleSummary | null, group2: SampleSummary | null, z: number = Z_95): EffectSizeEstimate {
  const n1 = group1?.n ?? 0;
  const n2 = group2?.n ?? 0;
  const sizes = { n1, n2, mean1: group1?.mean ?? null, mean2: group2?.mean ?? null };
  if (!group1 || n1 < 2) return { ...unavailable('group 1 has fewer than 2 values'), ...sizes };
  if (!group2 || n2 < 2) return { ...unavailable('group 2 has fewer than 2 values'), ...sizes };
  const pooledSd = Math.sqrt(((n1 - 1) * group1.sd ** 2 + (n2 - 1) * group2.sd ** 2) / (n1 + n2 - 2));
  if (!(pooledSd > 0)) return { ...unavailable('both groups have zero variance'), ...sizes };
  const J = 1 - 3 / (4 * (n1 + n2) - 9);
  const g = (J * (group1.mean - group2.mean)) / pooledSd;
  const se = Math.sqrt((n1 + n2) / (n1 * n2) + (g * g) / (2 * (n1 + n2)));
  return { estimate: g, lower: g - z * se, upper: g + z * se, ...sizes };
}

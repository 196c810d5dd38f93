// Mantel–Haenszel odds ratio across strata with a 95% interval on the log scale.
// Sources: Mantel N, Haenszel W (1959) J Natl Cancer Inst 22:719–748 (the estimator
// OR = Σ aₖdₖ/nₖ ÷ Σ bₖcₖ/nₖ); Robins J, Breslow N, Greenland S (1986) Biometrics 42:311–323
// (the variance of ln OR, SPEC §5):
//   Var = Σ PₖRₖ/(2R²) + Σ (PₖSₖ + QₖRₖ)/(2RS) + Σ QₖSₖ/(2S²)
//   Pₖ = (aₖ+dₖ)/nₖ, Qₖ = (bₖ+cₖ)/nₖ, Rₖ = aₖdₖ/nₖ, Sₖ = bₖcₖ/nₖ, R = ΣRₖ, S = ΣSₖ.
import { type Estimate, Z_95, unavailable } from './estimate.js';
import { type TwoByTwo, stratumTotal } from './two-by-two.js';

export type StratifiedEstimate = Estimate & { strata: number; n: number };

export function mantelHaenszelOddsRatio(strata: readonly TwoByTwo[], z: number = Z_95): StratifiedEstimate {
  // A stratum of fewer than two subjects carries no comparison: Rₖ = Sₖ = 0 for it.
  const informative = strata.filter((t) => stratumTotal(t) >= 2);
  const n = strata.reduce((sum, t) => sum + stratumTotal(t), 0);
  const sizes = { strata: informative.length, n };
  let R = 0;
  let S = 0;
  let sumPR = 0;
  let sumPSQR = 0;
  let sumQS = 0;
  for (const t of informative) {
    const nk = stratumTotal(t);
    const P = (t.a + t.d) / nk;
    const Q = (t.b + t.c) / nk;
    const Rk = (t.a * t.d) / nk;
    const Sk = (t.b * t.c) / nk;
    R += Rk;
    S += Sk;
    sumPR += P * Rk;
    sumPSQR += P * Sk + Q * Rk;
    sumQS += Q * Sk;
  }
  if (informative.length === 0) return { ...unavailable('no stratum with two or more subjects'), ...sizes };
  if (R === 0) return { ...unavailable('Σ aₖdₖ/nₖ is zero: the odds ratio would be 0'), ...sizes };
  if (S === 0) return { ...unavailable('Σ bₖcₖ/nₖ is zero: the odds ratio would be infinite'), ...sizes };
  const oddsRatio = R / S;
  const variance = sumPR / (2 * R * R) + sumPSQR / (2 * R * S) + sumQS / (2 * S * S);
  const margin = z * Math.sqrt(variance);
  return { estimate: oddsRatio, lower: oddsRatio * Math.exp(-margin), upper: oddsRatio * Math.exp(margin), ...sizes };
}

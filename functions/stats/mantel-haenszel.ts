// Mantel–Haenszel odds ratio across strata with a 95% interval on the log scale.
// Sources: Mantel N, Haenszel W (1959) J Natl Cancer Inst 22:719–748 (the estimator
// OR = Σ aₖdₖ/nₖ ÷ Σ bₖcₖ/nₖ); Robins J, Breslow N, Greenland S (1986) Biometrics 42:311–323
// (the variance of ln OR, SPEC §5):
//   Var = Σ PₖRₖ/(2R²) + Σ (PₖSₖ + QₖRₖ)/(2RS) + Σ QₖSₖ/(2S²)
//   Pₖ = (aₖ+dₖ)/nₖ, Qₖ = (bₖ+cₖ)/nₖ, Rₖ = aₖdₖ/nₖ, Sₖ = bₖcₖ/nₖ, R = ΣRₖ, S = ΣSₖ.
import { type Estimate, Z_95, unavailable } from './estimate.js';
import { type TwoByTwo, stratumTotal } from './two-by-two.js';

export type StratifiedEstimate = Estimate & { strata: number; n: number };

/**
 * One stratum's additive share of the estimator and its variance: R = ΣRₖ, S = ΣSₖ and the three
 * variance sums are sums of these, so a caller can update them stratum by stratum.
 */
export type MantelHaenszelTerms = { R: number; S: number; PR: number; PSQR: number; QS: number; informative: number; n: number };

export const NO_TERMS: MantelHaenszelTerms = { R: 0, S: 0, PR: 0, PSQR: 0, QS: 0, informative: 0, n: 0 };

export function mantelHaenszelTerms(t: TwoByTwo): MantelHaenszelTerms {
  const nk = stratumTotal(t);
  // A stratum of fewer than two subjects carries no comparison: Rₖ = Sₖ = 0 for it.
  if (nk < 2) return { ...NO_TERMS, n: nk };
  const P = (t.a + t.d) / nk;
  const Q = (t.b + t.c) / nk;
  const Rk = (t.a * t.d) / nk;
  const Sk = (t.b * t.c) / nk;
  return { R: Rk, S: Sk, PR: P * Rk, PSQR: P * Sk + Q * Rk, QS: Q * Sk, informative: 1, n: nk };
}

export const addTerms = (x: MantelHaenszelTerms, y: MantelHaenszelTerms, sign = 1): MantelHaenszelTerms => ({
  R: x.R + sign * y.R,
  S: x.S + sign * y.S,
  PR: x.PR + sign * y.PR,
  PSQR: x.PSQR + sign * y.PSQR,
  QS: x.QS + sign * y.QS,
  informative: x.informative + sign * y.informative,
  n: x.n + sign * y.n,
});

/** The strata's Mantel–Haenszel sums: what the estimate is made from, and what can be updated stratum by stratum. */
export const mantelHaenszelTermsOf = (strata: readonly TwoByTwo[]): MantelHaenszelTerms => strata.reduce((terms, t) => addTerms(terms, mantelHaenszelTerms(t)), NO_TERMS);

export function mantelHaenszelOddsRatio(strata: readonly TwoByTwo[], z: number = Z_95): StratifiedEstimate {
  return mantelHaenszelFromTerms(mantelHaenszelTermsOf(strata), z);
}

export function mantelHaenszelFromTerms({ R, S, PR: sumPR, PSQR: sumPSQR, QS: sumQS, informative, n }: MantelHaenszelTerms, z: number = Z_95): StratifiedEstimate {
  const sizes = { strata: informative, n };
  if (informative === 0) return { ...unavailable('no stratum with two or more subjects'), ...sizes };
  if (R === 0) return { ...unavailable('Σ aₖdₖ/nₖ is zero: the odds ratio would be 0'), ...sizes };
  if (S === 0) return { ...unavailable('Σ bₖcₖ/nₖ is zero: the odds ratio would be infinite'), ...sizes };
  const oddsRatio = R / S;
  const variance = sumPR / (2 * R * R) + sumPSQR / (2 * R * S) + sumQS / (2 * S * S);
  const margin = z * Math.sqrt(variance);
  return { estimate: oddsRatio, lower: oddsRatio * Math.exp(-margin), upper: oddsRatio * Math.exp(margin), ...sizes };
}

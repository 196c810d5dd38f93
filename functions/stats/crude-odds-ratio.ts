// The crude (pooled) odds ratio shown beside the stratified one (SPEC §5: a crude comparison can
// reverse under confounding — Simpson's paradox), with Woolf's logit interval.
// Source: Woolf B (1955) Ann Hum Genet 19:251–253: Var(ln OR) = 1/a + 1/b + 1/c + 1/d.
import { type Estimate, Z_95, unavailable } from './estimate.js';
import { type TwoByTwo, poolStrata, stratumTotal } from './two-by-two.js';

export type CrudeEstimate = Estimate & { table: TwoByTwo; n: number };

export function crudeOddsRatio(strata: readonly TwoByTwo[], z: number = Z_95): CrudeEstimate {
  const table = poolStrata(strata);
  const sizes = { table, n: stratumTotal(table) };
  const { a, b, c, d } = table;
  // Woolf's variance is undefined with an empty cell; no continuity correction is invented here.
  if (a === 0 || b === 0 || c === 0 || d === 0) return { ...unavailable('a cell of the pooled table is zero'), ...sizes };
  const oddsRatio = (a * d) / (b * c);
  const margin = z * Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  return { estimate: oddsRatio, lower: oddsRatio * Math.exp(-margin), upper: oddsRatio * Math.exp(margin), ...sizes };
}

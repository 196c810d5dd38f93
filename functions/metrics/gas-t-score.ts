// Goal Attainment Scaling summary T-score.
// Source: Kiresuk TJ, Sherman RE (1968) Community Mental Health Journal 4:443–453 (SPEC §3):
//   T = 50 + 10·Σwᵢxᵢ / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), ρ = 0.3 (their assumed inter-goal correlation).
// One goal at +2 → 70; all goals at 0 → 50.
const RHO = 0.3;

export type ScoredGoal = { weight: number; level: number };

export function gasTScore(goals: readonly ScoredGoal[]): number | null {
  if (goals.length === 0) return null;
  const weighted = goals.reduce((s, g) => s + g.weight * g.level, 0);
  const sumW = goals.reduce((s, g) => s + g.weight, 0);
  const sumW2 = goals.reduce((s, g) => s + g.weight * g.weight, 0);
  return 50 + (10 * weighted) / Math.sqrt((1 - RHO) * sumW2 + RHO * sumW * sumW);
}

// SPEC §4 scoring. Totals are computed here from the items, never accepted from a producer.
// SRS and ORS items carry one decimal, so totals are rounded to one decimal against float drift.
export type WaiSrScore = { total: number; task: number; bond: number; goal: number };

// Hatcher RL, Gillaspy JA (2006) Psychotherapy Research 16:12–25: WAI-SR subscales (1-based items).
const WAI_SR_SUBSCALES = { task: [1, 2, 10, 12], bond: [3, 5, 7, 9], goal: [4, 6, 8, 11] } as const;

// Left to right from 0, as reduce would add them; a plain loop because every summary scores dozens.
function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
const oneDecimal = (v: number) => Math.round(v * 10) / 10;

export function scoreWaiSr(items: readonly number[]): WaiSrScore {
  const subscale = (positions: readonly number[]) => sum(positions.map((p) => items[p - 1] ?? 0));
  return {
    total: sum(items),
    task: subscale(WAI_SR_SUBSCALES.task),
    bond: subscale(WAI_SR_SUBSCALES.bond),
    goal: subscale(WAI_SR_SUBSCALES.goal),
  };
}

/** SRS or ORS total, 0–40. */
export const scoreVisualAnalogue = (items: readonly number[]): number => oneDecimal(sum(items));


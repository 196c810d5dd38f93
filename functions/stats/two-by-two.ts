// One stratum of a comparison (SPEC §5): a = group 1 with the event, b = group 1 without,
// c = group 2 with the event, d = group 2 without.
export type TwoByTwo = { a: number; b: number; c: number; d: number };

export const stratumTotal = (t: TwoByTwo): number => t.a + t.b + t.c + t.d;

/** The crude table: all strata added together, ignoring what separates them. */
export const poolStrata = (strata: readonly TwoByTwo[]): TwoByTwo =>
  strata.reduce((sum, t) => ({ a: sum.a + t.a, b: sum.b + t.b, c: sum.c + t.c, d: sum.d + t.d }), {
    a: 0,
    b: 0,
    c: 0,
    d: 0,
  });

// Exact floating-point sums that merge: a sum is kept as Shewchuk's list of non-overlapping
// partials, whose (unrounded) total is exactly the sum of every number added, and is rounded only
// when read. So a sum split into parts, kept apart and merged in any order reads back as the same
// double, bit for bit — which a running `+=` does not (float addition is not associative).
//
// Sources:
//  - Shewchuk JR (1997) Adaptive precision floating-point arithmetic and fast robust geometric
//    predicates. Discrete Comput Geom 18:305–363 (GROW-EXPANSION, TWO-SUM);
//  - Python's math.fsum (Modules/mathmodule.c, after R. Hettinger's msum recipe): the same partials,
//    and the final correctly rounded read with its half-even correction across partials;
//  - Dekker TJ (1971) A floating-point technique for extending the available precision. Numer Math
//    18:224–242, as Ogita T, Rump SM, Oishi S (2005) SIAM J Sci Comput 26:1955–1988, Algorithms 3.2
//    (Split) and 3.3 (TwoProduct): a product as the sum of two doubles, exactly.
// Exact as long as nothing overflows or underflows: the engine's values (days, scores, totals) are
// far from either end. The list stays short (non-overlapping doubles: a handful, at most ~40).

/** Non-overlapping partials in increasing magnitude; plain JSON. */
export type ExactSum = number[];

/** Adds x to the partials in place (Shewchuk's GROW-EXPANSION with zero elimination, as msum). */
export function addExact(partials: ExactSum, x: number): void {
  // A zero adds nothing; leaving zeros out also keeps −0 (say an ORS change rounded to −0) from
  // reading back differently once a stored sum has been through JSON.
  if (x === 0) return;
  let i = 0;
  for (let j = 0; j < partials.length; j++) {
    let y = partials[j]!;
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  if (x !== 0) partials[i++] = x;
  if (partials.length !== i) partials.length = i;
}

export function exactSumOf(values: readonly number[]): ExactSum {
  const partials: ExactSum = [];
  for (const v of values) addExact(partials, v);
  return partials;
}

/** The exact sum rounded once to the nearest double, ties to even (math.fsum's last step). */
export function exactValue(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Half-way between two doubles in hi + lo, the partials below decide which way to round.
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/** The mean of n values whose exact sum is `partials`; null for none. */
export const exactMean = (partials: readonly number[], n: number): number | null => (n === 0 ? null : exactValue(partials) / n);

/**
 * The one expansion of the exact value that depends on that value alone: partials of equal sums
 * may differ (addExact's list depends on the order of the additions), and stored sums must compare
 * equal when their values are. A greedy round-to-nearest decomposition: the largest term is the
 * value rounded to nearest (exactValue, correctly rounded, ties to even), the next is the remainder
 * rounded, and so on until nothing remains — each term a function of the real value only. Each
 * remainder is at most half an ulp of the term before it, so the terms are non-overlapping; listed
 * in increasing magnitude, they are partials as addExact and exactValue take them. Zero is [].
 */
export function canonicalExactSum(partials: readonly number[]): ExactSum {
  const rest = [...partials];
  const terms: ExactSum = [];
  while (rest.length > 0) {
    const hi = exactValue(rest);
    terms.push(hi);
    addExact(rest, -hi);
  }
  return terms.reverse();
}

// Dekker's split constant for doubles: 2^27 + 1.
const SPLITTER = 134_217_729;

/** The exact error of the rounded product a·b, so that a·b = (a·b rounded) + error (Dekker's TwoProduct). */
function productError(a: number, b: number, product: number): number {
  // Veltkamp's split of each factor into two halves of 26 bits, inlined: this runs for every value folded.
  let c = SPLITTER * a;
  const aHi = c - (c - a);
  const aLo = a - aHi;
  c = SPLITTER * b;
  const bHi = c - (c - b);
  const bLo = b - bHi;
  return aLo * bLo - (((product - aHi * bHi) - aLo * bHi) - aHi * bLo);
}

/** Adds a·b to the partials exactly. */
export function addProductExact(partials: ExactSum, a: number, b: number): void {
  const product = a * b;
  addExact(partials, product);
  addExact(partials, productError(a, b, product));
}

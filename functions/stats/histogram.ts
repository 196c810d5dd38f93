// Counts of whole numbers (days), keyed by the number: a mergeable, exact stand-in for the list of
// values behind a count, a mean and a median. Its size grows with the number of distinct values,
// not with how many were counted.
export type Histogram = Record<string, number>;

export function addToHistogram(h: Histogram, value: number): void {
  h[value] = (h[value] ?? 0) + 1;
}

type Bins = { values: number[]; counts: number[]; total: number };

function bins(h: Histogram): Bins {
  const values = Object.keys(h).map(Number).sort((x, y) => x - y);
  const counts = values.map((v) => h[v]!);
  return { values, counts, total: counts.reduce((s, c) => s + c, 0) };
}

/** Count, mean and median (the mean of the two middle values for an even count); nulls when empty. */
export function histogramFigures(h: Histogram): { count: number; mean: number | null; median: number | null } {
  const { values, counts, total } = bins(h);
  if (total === 0) return { count: 0, mean: null, median: null };
  // Whole numbers well under 2^53: the sum is exact in any order.
  let sum = 0;
  values.forEach((v, i) => {
    sum += v * counts[i]!;
  });
  const valueAt = (rank: number) => {
    let seen = 0;
    for (let i = 0; i < values.length; i++) {
      seen += counts[i]!;
      if (rank < seen) return values[i]!;
    }
    return values.at(-1)!;
  };
  const mid = Math.floor(total / 2);
  const median = total % 2 === 1 ? valueAt(mid) : (valueAt(mid - 1) + valueAt(mid)) / 2;
  return { count: total, mean: sum / total, median };
}

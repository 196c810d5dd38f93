import { describe, expect, it } from 'vitest';
import { type ClinicCounts, networkComparison } from '../../functions/metrics/network-comparison.js';
import { crudeOddsRatio } from '../../functions/stats/crude-odds-ratio.js';
import { mantelHaenszelOddsRatio } from '../../functions/stats/mantel-haenszel.js';
import type { TwoByTwo } from '../../functions/stats/two-by-two.js';

const NONE = { events: 0, n: 0 };
const clinic = (clinicId: string, [a, b, c, d]: [number, number, number, number], consenting = true): ClinicCounts => ({
  clinicId,
  consenting,
  counts: { attainment: { collaborative: { events: a, n: a + b }, directive: { events: c, n: c + d } }, retention90: { collaborative: NONE, directive: NONE } },
});
const table = ({ counts: { attainment: g } }: ClinicCounts): TwoByTwo => ({ a: g.collaborative.events, b: g.collaborative.n - g.collaborative.events, c: g.directive.events, d: g.directive.n - g.directive.events });
const at = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

// Six strata, four holding a small cell, one clinic without research consent.
const network = [
  clinic('alpha', [3, 40, 22, 35]),
  clinic('beta', [44, 22, 22, 11]),
  clinic('gamma', [15, 45, 5, 60]),
  clinic('delta', [30, 28, 26, 33], false),
  clinic('epsilon', [12, 7, 30, 41]),
  clinic('zeta', [35, 30, 25, 2]),
];

describe('networkComparison', () => {
  it('estimates over every clinic of each population, small cells and all, at the published precision', async () => {
    const result = await networkComparison(network);
    for (const [population, members] of [['all', network], ['research', network.filter((c) => c.consenting)]] as const) {
      const figure = result.populations[population].figures.attainment;
      const full = mantelHaenszelOddsRatio(members.map(table));
      expect(figure.decimals).not.toBeNull();
      const d = figure.decimals!;
      if (full.estimate === null) throw new Error('fixture: the full table has an estimate');
      expect(figure.stratified).toEqual({ estimate: at(full.estimate, d), lower: at(full.lower, d), upper: at(full.upper, d), strata: members.length, n: full.n });
      if (figure.network !== null) {
        const crude = crudeOddsRatio(members.map(table));
        expect(figure.crude).toMatchObject({ estimate: at(crude.estimate!, d), n: crude.n });
      } else expect(figure.crude.estimate).toBeNull();
    }
    // Suppression hid cells of the breakdown, never strata from the estimate.
    expect(result.breakdown.some((r) => r.lines.attainment.includes(null))).toBe(true);
  });

  it('shows no count of 1–10 in the breakdown or network rows, and the shown counts are the true ones', async () => {
    const result = await networkComparison(network);
    result.breakdown.forEach((r, k) => {
      const t = table(network[k]!);
      const truth = [t.a, t.b, t.c, t.d, t.a + t.b + t.c + t.d];
      r.lines.attainment.forEach((v, j) => {
        if (v !== null) {
          expect(v).toBe(truth[j]);
          expect(v === 0 || v >= 11).toBe(true);
        }
      });
    });
    for (const p of ['all', 'research'] as const) for (const v of result.populations[p].figures.attainment.network ?? []) expect(v === 0 || v! >= 11).toBe(true);
  });

  it('90-day retention with no eligible episode: zeros shown, estimates null with a reason', async () => {
    const { retention90 } = (await networkComparison(network)).populations.all.figures;
    expect(retention90.network).toEqual([0, 0, 0, 0, 0]);
    expect(retention90.stratified).toMatchObject({ estimate: null, reason: expect.any(String), strata: network.length });
  });
});

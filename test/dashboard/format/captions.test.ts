// The plain-language captions of the comparisons: the numbers, the interval, and the warnings.
import { describe, expect, it } from 'vitest';
import { meanCaption, networkCaption, proportionCaption } from '../../../dashboard/src/format/captions.js';
import { newcombeDifference } from '../../../functions/stats/newcombe-difference.js';
import { wilsonInterval } from '../../../functions/stats/wilson-interval.js';
import { hedgesG } from '../../../functions/stats/hedges-g.js';
import { momentsOf, momentsSummary } from '../../../functions/stats/moments.js';
import { crudeOddsRatio } from '../../../functions/stats/crude-odds-ratio.js';
import { mantelHaenszelOddsRatio } from '../../../functions/stats/mantel-haenszel.js';
import type { NetworkFigure } from '../../../functions/api/contract.js';

/** Hedges' g of two samples, through the moments the aggregation keeps. */
const hedgesGOf = (group1: number[], group2: number[]) => hedgesG(momentsSummary(momentsOf(group1)), momentsSummary(momentsOf(group2)));

const goals = { collaborative: 'Collaborative goals', directive: 'Directive goals', happened: 'were achieved', unit: 'goals' } as const;
const compare = (e1: number, n1: number, e2: number, n2: number) => ({
  collaborative: wilsonInterval(e1, n1),
  directive: wilsonInterval(e2, n2),
  difference: newcombeDifference(e1, n1, e2, n2),
});

describe('proportion captions', () => {
  it('state the rates, the difference in points with its interval, and the numbers behind them', () => {
    // The issue's own example: 89/193 vs 11/43.
    expect(proportionCaption(goals, compare(89, 193, 11, 43))).toBe(
      'Collaborative goals were achieved more often: 46% vs 26%, a difference of 21 points (95% CI 4 to 33), 193 vs 43 goals.',
    );
  });

  it('say so when the interval includes no difference, and turn the interval with the sentence', () => {
    const caption = proportionCaption(goals, compare(20, 50, 26, 50));
    expect(caption).toMatch(/^Directive goals were achieved more often: 40% vs 52%, a difference of 12 points \(95% CI −\d+ to \d+\)/);
    expect(caption).toContain('The interval includes no difference');
  });

  it('warn about small groups', () => {
    expect(proportionCaption(goals, compare(40, 60, 2, 7))).toContain('Few goals behind the directive (7) figure: fewer than 11');
  });

  it('give the reason instead of numbers when a group is empty', () => {
    expect(proportionCaption(goals, compare(5, 20, 0, 0))).toBe('Not compared: no observations in group 2 (20 vs 0 goals).');
  });
});

describe('mean captions', () => {
  it('name the means, the size of the standardised difference and its interval', () => {
    const caption = meanCaption({ name: 'GAS T-score', digits: 1 }, hedgesGOf([55, 60, 65, 58, 62, 57, 61, 59, 63, 56, 64], [45, 50, 48, 52, 47, 49, 51, 46, 53, 44, 50]));
    expect(caption).toMatch(/^Clients with collaborative goals had a higher mean GAS T-score: 60\.0 vs 48\.6, a large standardised difference \(Hedges’ g \d\.\d\d, 95% CI \d\.\d\d to \d\.\d\d\), 11 vs 11 clients\.$/);
  });

  it('say why a figure is missing', () => {
    expect(meanCaption({ name: 'ORS change', digits: 1 }, hedgesGOf([1, 2, 3], [4]))).toBe(
      'ORS change: not compared — group 2 has fewer than 2 values; 2.0 vs 4.0, 3 vs 1 clients.',
    );
  });
});

describe('network captions', () => {
  type Strata = { a: number; b: number; c: number; d: number }[];
  const rounded = (e: { estimate: number | null; lower?: number; upper?: number; reason?: string }, decimals: number) => {
    const round = (x: number) => Number(x.toFixed(decimals));
    return e.estimate === null ? { estimate: null, reason: e.reason! } : { estimate: round(e.estimate), lower: round(e.lower!), upper: round(e.upper!) };
  };
  /** A figure as the API publishes it: every stratum counted, the odds ratios rounded, nothing withheld. */
  const figure = (strata: Strata, decimals = 2): NetworkFigure => {
    const stratified = mantelHaenszelOddsRatio(strata);
    const crude = crudeOddsRatio(strata);
    return {
      decimals,
      stratified: { ...rounded(stratified, decimals), strata: stratified.strata, n: stratified.n },
      crude: { ...rounded(crude, decimals), n: crude.n },
      clinics: [],
      breakdownWithheld: null,
      network: null,
      networkWithheld: null,
      suppressedCells: 0,
    };
  };
  const twoClinics: Strata = [{ a: 30, b: 20, c: 20, d: 30 }, { a: 25, b: 25, c: 15, d: 35 }];

  it('put the stratified figure beside the crude one, over every clinic', () => {
    const lines = networkCaption('goal attainment', 'goals', figure(twoClinics));
    expect(lines[0]).toMatch(/^Allowing for differences between clinics, the odds of goal attainment with collaborative goals were \d\.\d\d \(95% CI \d\.\d\d to \d\.\d\d\) times those with directive goals \(Mantel–Haenszel over all 2 clinics, 200 goals\)\.$/);
    expect(lines[1]).toMatch(/^Pooling every clinic as one \(crude\), the odds ratio is \d\.\d\d \(95% CI \d\.\d\d to \d\.\d\d\), 200 goals\.$/);
    expect(lines.join(' ')).not.toMatch(/left out|excluded/i);
  });

  it('show the odds ratios to the decimals the API rounded them to, and say why when coarser', () => {
    const lines = networkCaption('90-day retention', 'episodes', figure(twoClinics, 1));
    expect(lines[0]).toMatch(/were \d\.\d \(95% CI \d\.\d to \d\.\d\) times/);
    expect(lines).toContain('The 90-day retention odds ratios are shown to 1 decimal: finer figures would give a suppressed count away.');
    expect(networkCaption('goal attainment', 'goals', figure(twoClinics, 0)).join(' ')).toContain('The goal attainment odds ratios are shown as whole numbers: finer figures');
    expect(networkCaption('goal attainment', 'goals', figure(twoClinics)).join(' ')).not.toContain('finer figures');
  });

  it('say plainly when crude and stratified point in opposite directions (Simpson’s paradox)', () => {
    // Within each clinic collaborative does better; pooled, the clinic mix reverses it.
    const lines = networkCaption('goal attainment', 'goals', figure([{ a: 80, b: 10, c: 400, d: 100 }, { a: 40, b: 160, c: 2, d: 18 }]));
    expect(lines.join(' ')).toContain('Crude and stratified point in opposite directions');
  });

  it('leave out the number of subjects when the network row is withheld, and say why', () => {
    const published = figure(twoClinics);
    const reason = 'the network totals would single out a suppressed cell';
    const withheld: NetworkFigure = { ...published, stratified: { ...published.stratified, n: null }, crude: { ...published.crude, n: null }, networkWithheld: reason };
    const lines = networkCaption('goal attainment', 'goals', withheld);
    expect(lines[0]).toMatch(/\(Mantel–Haenszel over all 2 clinics\)\.$/);
    expect(lines[1]).toMatch(/\d\)\.$/);
    expect(lines).toContain(`The network’s number of goals is not shown: ${reason}.`);
  });

  it('pass on a withheld figure’s reason', () => {
    const withheld = { estimate: null, reason: 'suppressed: a network total describes 1–10 subjects' } as const;
    const lines = networkCaption('90-day retention', 'episodes', {
      ...figure(twoClinics),
      decimals: null,
      stratified: { ...withheld, strata: 3, n: null },
      crude: { ...withheld, n: null },
    });
    expect(lines).toEqual(['90-day retention: no network odds ratio — suppressed: a network total describes 1–10 subjects.']);
  });
});

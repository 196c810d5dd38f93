import { describe, expect, it } from 'vitest';
import type { ClientSummary } from '../../functions/metrics/client-summary-types.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import { networkComparison, type BreakdownRow } from '../../functions/metrics/network-comparison.js';
import { mantelHaenszelOddsRatio } from '../../functions/stats/mantel-haenszel.js';
import { closed, enrolled, goalSet } from './event-builders.js';

// A clinic given as goal counts: `a` collaborative goals achieved, `b` not, `c` directive achieved,
// `d` not — one client per goal, so retention has no eligible client (enrolled a week before asOf).
function clinicWith(clinicId: string, a: number, b: number, c: number, d: number): ClientSummary[] {
  const goals = [
    ...Array.from({ length: a }, () => ['collaborative', 'achieved'] as const),
    ...Array.from({ length: b }, () => ['collaborative', 'not_achieved'] as const),
    ...Array.from({ length: c }, () => ['directive', 'achieved'] as const),
    ...Array.from({ length: d }, () => ['directive', 'not_achieved'] as const),
  ];
  return goals.map(([mode, outcome], i) => {
    const who = { clinicId, clientId: `${clinicId}-${i}` };
    return summarizeClient(
      [enrolled('2025-05-25T09:00:00Z', who), goalSet('2025-05-25T10:00:00Z', 'g', mode, 1, who), closed('2025-05-30T10:00:00Z', 'g', outcome, undefined, who)],
      { asOf: '2025-06-01T00:00:00Z', timeZone: 'UTC' },
    );
  });
}

describe('networkComparison', () => {
  // Two clinics whose own odds ratios are both 1 while the crude pooled OR is not: case mix differs.
  const network = [
    { clinicId: 'own', summaries: clinicWith('own', 44, 22, 22, 11) },
    { clinicId: 'zeta', summaries: clinicWith('zeta', 15, 45, 20, 60) },
    { clinicId: 'alpha', summaries: clinicWith('alpha', 12, 12, 12, 12) },
  ];
  const result = networkComparison(network, 'own');

  it('stratifies by clinic (MH) and shows the crude figure beside it', () => {
    const stratified = result.attainment.stratified;
    expect(stratified).toEqual(
      mantelHaenszelOddsRatio([
        { a: 44, b: 22, c: 22, d: 11 },
        { a: 15, b: 45, c: 20, d: 60 },
        { a: 12, b: 12, c: 12, d: 12 },
      ]),
    );
    expect(stratified.estimate).toBeCloseTo(1, 10);
    // Pooled 71/79 vs 54/83: OR = 71·83 / (79·54) (hand-computed) ≈ 1.381.
    expect(result.attainment.crude.estimate).toBeCloseTo((71 * 83) / (79 * 54), 10);
    expect(result.attainment.crude.estimate).toBeGreaterThan(1.38);
    expect(result.attainment.crude).not.toHaveProperty('table');
  });

  it('labels other clinics anonymously, largest first, and keeps the own clinic id', () => {
    expect(result.attainment.clinics.map((r) => r.clinic)).toEqual(['own', 'Clinic A', 'Clinic B']);
    expect(JSON.stringify(result)).not.toMatch(/zeta|alpha/);
  });

  it('publishes per-clinic counts and rates when no cell is small', () => {
    expect(result.attainment.clinics[1]).toMatchObject({
      cells: { a: { count: 15 }, b: { count: 45 }, c: { count: 20 }, d: { count: 60 } },
      total: { count: 140, suppressed: false },
      collaborativeRate: 0.25,
      directiveRate: 0.25,
    });
    expect(result.attainment.network.total).toEqual({ count: 287, suppressed: false });
    expect(result.attainment.suppressedCells).toBe(0);
  });

  it('90-day retention with no eligible client: zeros shown, estimates null', () => {
    expect(result.retention90.stratified.estimate).toBeNull();
    expect(result.retention90.network.total).toEqual({ count: 0, suppressed: false });
  });

  it('suppresses small cells with their complements, and the rates built on them', () => {
    const tables = [
      { clinicId: 'own', summaries: clinicWith('own', 40, 20, 20, 12) },
      { clinicId: 'tiny', summaries: clinicWith('tiny', 3, 30, 20, 60) },
    ];
    // Nobody's own clinic: the whole table is suppressed as published.
    const everyone = networkComparison(tables, '');
    const lettered = everyone.attainment.clinics;
    const tinyRow = lettered.find((row) => row.total.count === 113)!;
    expect(tinyRow.cells.a).toEqual({ count: null, suppressed: 'small_cell' });
    // The row total is published, so the row's smallest other cell (c = 20) goes too; the column
    // totals are published, so the other clinic's a and c follow.
    expect(tinyRow.cells.c).toEqual({ count: null, suppressed: 'complementary' });
    expect(tinyRow.cells.b).toEqual({ count: 30, suppressed: false });
    expect(lettered.find((row) => row !== tinyRow)!.cells).toMatchObject({ a: { suppressed: 'complementary' }, c: { suppressed: 'complementary' }, b: { count: 20 } });
    expect([tinyRow.collaborativeRate, tinyRow.directiveRate]).toEqual([null, null]);
    expect(everyone.attainment.suppressedCells).toBe(4);
    // No network total is small, so the crude odds ratio (from published totals) is shown; every
    // clinic has a suppressed cell, so a stratified one would let them be solved for: withheld.
    expect(everyone.attainment.crude.estimate).not.toBeNull();
    expect(everyone.attainment.excludedStrata).toEqual(['Clinic A', 'Clinic B']);
    expect(everyone.attainment.stratified).toMatchObject({ estimate: null, strata: 0, reason: expect.stringMatching(/suppressed/) });
  });

  it('treats the reader’s own clinic as known: shown whole, and no help in recovering the others', () => {
    const tables = [
      { clinicId: 'own', summaries: clinicWith('own', 40, 20, 20, 12) },
      { clinicId: 'tiny', summaries: clinicWith('tiny', 3, 30, 20, 60) },
    ];
    const director = networkComparison(tables, 'own').attainment;
    const [own, tiny] = director.clinics as [BreakdownRow, BreakdownRow];
    expect(own.cells).toEqual({ a: { count: 40, suppressed: false }, b: { count: 20, suppressed: false }, c: { count: 20, suppressed: false }, d: { count: 12, suppressed: false } });
    expect(tiny.cells).toMatchObject({ a: { suppressed: 'small_cell' }, c: { suppressed: 'complementary' }, b: { count: 30 }, d: { count: 60 } });
    // A network total minus the director's own count is the tiny clinic's count: hidden alike.
    expect(director.network.cells).toMatchObject({ a: { count: null }, c: { count: null }, b: { count: 50 }, d: { count: 72 } });
    expect(director.stratified.estimate).toBeNull();
    expect(director.crude.estimate).toBeNull();
  });

  it('stratifies over the clinics with no suppressed cell, and names the ones left out', () => {
    const mixed = networkComparison(
      [
        { clinicId: 'own', summaries: clinicWith('own', 40, 25, 22, 30) },
        { clinicId: 'big', summaries: clinicWith('big', 35, 30, 25, 40) },
        { clinicId: 'tiny', summaries: clinicWith('tiny', 4, 30, 20, 60) },
        { clinicId: 'other', summaries: clinicWith('other', 30, 28, 26, 33) },
      ],
      'own',
    );
    const { clinics, excludedStrata, stratified } = mixed.attainment;
    const intact = clinics.filter((row) => Object.values(row.cells).every((c) => c.suppressed === false));
    expect(excludedStrata).toEqual(clinics.filter((row) => !intact.includes(row)).map((row) => row.clinic));
    expect(excludedStrata.length).toBeGreaterThan(0);
    expect(intact.length).toBeGreaterThan(0);
    expect(stratified).toEqual(
      mantelHaenszelOddsRatio(intact.map(({ cells: { a, b, c, d } }) => ({ a: a.count!, b: b.count!, c: c.count!, d: d.count! }))),
    );
  });

  it('withholds the odds ratios when a network total is small', () => {
    const few = networkComparison([{ clinicId: 'own', summaries: clinicWith('own', 2, 20, 20, 20) }, { clinicId: 'b', summaries: clinicWith('b', 3, 20, 20, 20) }], 'own');
    expect(few.attainment.network.cells.a).toEqual({ count: null, suppressed: 'small_cell' });
    expect(few.attainment.stratified).toMatchObject({ estimate: null, n: null });
    expect(few.attainment.crude).toMatchObject({ estimate: null, n: null });
  });
});

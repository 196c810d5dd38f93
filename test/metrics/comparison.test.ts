import { describe, expect, it } from 'vitest';
import { compareModes, compareModesByCounselor } from '../../functions/metrics/comparison.js';
import type { ClientSummary } from '../../functions/metrics/client-summary-types.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import { newcombeDifference } from '../../functions/stats/newcombe-difference.js';
import { wilsonInterval } from '../../functions/stats/wilson-interval.js';
import { clinic } from './clinic-fixture.js';
import { closed, enrolled, goalSet, measured, reviewed, session } from './event-builders.js';

describe('compareModes on the fixture clinic', () => {
  const c = compareModes(clinic);

  it('counts clients by mode; mixed and none are reported beside', () => {
    expect(c.clients).toEqual({ collaborative: 2, directive: 1, mixed: 1, none: 1 });
    expect(c.beside.none).toMatchObject({ clients: 1, meanGasTScore: null, retention90: { estimate: 1, events: 1, n: 1 } });
    expect(c.beside.mixed).toMatchObject({ clients: 1, meanWaiSrTotal: 40, retention90: { estimate: null, n: 0 } });
  });

  it('attainment at goal level: 1/2 collaborative vs 1/1 directive', () => {
    expect(c.attainment).toEqual({
      collaborative: wilsonInterval(1, 2),
      directive: wilsonInterval(1, 1),
      difference: newcombeDifference(1, 2, 1, 1),
    });
    expect(c.attainment.difference.estimate).toBeCloseTo(-0.5, 10);
  });

  it('90-day retention at client level: 1/2 vs 0/1', () => {
    expect(c.retention90.difference).toEqual(newcombeDifference(1, 2, 0, 1));
  });

  it('effect sizes are null with a reason when a group has fewer than two clients', () => {
    expect(c.gasTScore).toMatchObject({ estimate: null, reason: 'group 2 has fewer than 2 values', n1: 2, n2: 1 });
    expect(c.waiSrTotal).toMatchObject({ estimate: null, n1: 2, n2: 0 });
  });

  it('has one row per counselor', () => {
    const rows = compareModesByCounselor(clinic);
    expect(rows.map((r) => r.counselorId)).toEqual(['c1', 'c2']);
    expect(rows[0]!.comparison.attainment.directive.estimate).toBeNull();
  });
});

describe('compareModes effect sizes', () => {
  // Four clients whose single goal sits at a known level: T = 50 + 10·level.
  const person = (id: string, mode: 'collaborative' | 'directive', level: number, wai: number): ClientSummary =>
    summarizeClient(
      [
        enrolled('2025-01-01T09:00:00Z', { clientId: id }),
        session('2025-01-01T09:00:00Z', 'attended', { clientId: id }),
        goalSet('2025-01-01T10:00:00Z', 'g', mode, 1, { clientId: id }),
        reviewed('2025-01-10T10:00:00Z', 'g', level, { clientId: id }),
        closed('2025-01-20T10:00:00Z', 'g', level > 0 ? 'achieved' : 'not_achieved', undefined, { clientId: id }),
        measured('2025-01-10T10:00:00Z', 'WAI-SR', Array.from({ length: 12 }, (_, i) => (i < wai ? 4 : 3)), { clientId: id }),
      ],
      { asOf: '2025-06-01T00:00:00Z', timeZone: 'UTC' },
    );

  it('Hedges g of T-scores [70, 60] vs [50, 40] (hand-computed: s_pooled = √50, J = 1 − 3/7, g = 4/7·20/√50)', () => {
    const c = compareModes([person('a', 'collaborative', 2, 6), person('b', 'collaborative', 1, 6), person('c', 'directive', 0, 0), person('d', 'directive', -1, 2)]);
    const g = ((1 - 3 / 7) * 20) / Math.sqrt(50);
    expect(c.gasTScore.estimate).toBeCloseTo(g, 10);
    expect(c.gasTScore).toMatchObject({ n1: 2, n2: 2, mean1: 65, mean2: 45 });
    expect(c.waiSrTotal).toMatchObject({ mean1: 42, mean2: 37 });
    expect(c.attainment.difference.estimate).toBeCloseTo(1, 10);
  });
});

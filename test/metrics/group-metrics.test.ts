import { describe, expect, it } from 'vitest';
import { clinicMetrics, counselorMetrics, monthlyTrends } from '../../functions/metrics/clinic-metrics.js';
import { groupMetrics } from '../../functions/metrics/group-metrics.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import { clinic } from './clinic-fixture.js';
import { completedEpisode, enrolled, session } from './event-builders.js';

// Expected figures are worked by hand from the fixture's timelines (see clinic-fixture.ts).
describe('groupMetrics on the fixture clinic', () => {
  const m = groupMetrics(clinic);

  it('engagement overall', () => {
    expect(m.clients).toBe(5);
    expect(m.engagement.overall).toEqual({
      episodes: 5,
      attendance: { episodes: 5, attended: 9, noShow: 1, rate: 0.9 },
      retention30: { numerator: 3, denominator: 4, rate: 0.75 },
      retention90: { numerator: 2, denominator: 4, rate: 0.5 },
      dropout: { numerator: 2, denominator: 5, rate: 0.4, lostToContact: 1 },
      daysInTreatment: { episodes: 5, mean: 44.4, median: 31 },
    });
  });

  it('engagement by client mode', () => {
    expect(m.engagement.collaborative).toEqual({
      episodes: 2,
      attendance: { episodes: 2, attended: 4, noShow: 1, rate: 0.8 },
      retention30: { numerator: 1, denominator: 2, rate: 0.5 },
      retention90: { numerator: 1, denominator: 2, rate: 0.5 },
      dropout: { numerator: 1, denominator: 2, rate: 0.5, lostToContact: 0 },
      daysInTreatment: { episodes: 2, mean: 66, median: 66 },
    });
    expect(m.engagement.directive.retention90).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    expect(m.engagement.mixed.retention30).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(m.engagement.none.retention90).toEqual({ numerator: 1, denominator: 1, rate: 1 });
  });

  it('attainment counts each goal under its own mode', () => {
    expect(m.attainment).toEqual({
      overall: { clients: 3, closedGoals: 3, achieved: 2, rate: 2 / 3, daysToAttainment: { goals: 2, median: 30 } },
      collaborative: { clients: 2, closedGoals: 2, achieved: 1, rate: 0.5, daysToAttainment: { goals: 1, median: 40 } },
      directive: { clients: 1, closedGoals: 1, achieved: 1, rate: 1, daysToAttainment: { goals: 1, median: 20 } },
    });
  });

  it('GAS T-score means', () => {
    const cy = 50 - 10 / Math.sqrt(2.6);
    expect(m.gas.overall.clients).toBe(3);
    expect(m.gas.overall.meanTScore).toBeCloseTo((60 + 40 + cy) / 3, 10);
    expect(m.gas.overall).toMatchObject({ goalsScored: 4, goalsWithoutLevel: 2 });
    expect(m.gas.collaborative.meanTScore).toBeCloseTo(50, 10);
    expect(m.gas.mixed).toEqual({ clients: 0, goalsScored: 0, goalsWithoutLevel: 2, meanTScore: null });
  });

  it('alliance and outcome', () => {
    expect(m.alliance.overall.waiSr).toMatchObject({ clients: 3 });
    expect(m.alliance.overall.waiSr.total).toBeCloseTo(124 / 3, 10);
    expect(m.alliance.overall.srs).toEqual({ clients: 2, administrations: 2, mean: 34, belowThreshold: 1, shareBelowThreshold: 0.5 });
    expect(m.outcome.overall).toEqual({
      clients: 2,
      meanChange: 6,
      reliableImprovement: { numerator: 1, denominator: 2, rate: 0.5 },
      recovered: { numerator: 1, denominator: 2, rate: 0.5 },
    });
    expect(m.outcome.none).toEqual({
      clients: 0,
      meanChange: null,
      reliableImprovement: { numerator: 0, denominator: 0, rate: null },
      recovered: { numerator: 0, denominator: 0, rate: null },
    });
  });

  it('data quality totals', () => {
    expect(m.dataQuality).toEqual({ unknownGoalEvents: 0, clientsWithSessionsButNoGoals: 1, goalsNeverReviewed: 5 });
  });

  it('an empty group has nulls, not NaN', () => {
    expect(JSON.stringify(groupMetrics([]))).not.toMatch(/NaN|Infinity/);
    expect(groupMetrics([]).engagement.overall.attendance.rate).toBeNull();
  });
});

describe('engagement counts episodes (SPEC §3, as TEDS-D counts discharges)', () => {
  const returning = summarizeClient(
    [
      ...completedEpisode(),
      enrolled('2025-04-01T10:00:00Z'),
      session('2025-04-08T10:00:00Z', 'no_show'),
      session('2025-04-08T11:00:00Z', 'attended'),
    ],
    { asOf: '2025-05-15T00:00:00Z', timeZone: 'UTC' },
  );
  const m = groupMetrics([returning]);

  it('a readmitted client is one client and two episodes, the first retained with 65 days in treatment', () => {
    expect(m.clients).toBe(1);
    expect(m.engagement.overall).toMatchObject({
      episodes: 2,
      attendance: { episodes: 2, attended: 3, noShow: 1 },
      retention30: { numerator: 1, denominator: 2 },
      daysInTreatment: { episodes: 2, mean: 36, median: 36 },
    });
  });

  it('each episode under its own mode: the goal set in the first makes it collaborative, the second has none', () => {
    expect(m.engagement.collaborative).toMatchObject({ episodes: 1, retention30: { numerator: 1, denominator: 1 }, daysInTreatment: { median: 65 } });
    expect(m.engagement.none).toMatchObject({ episodes: 1, retention30: { numerator: 0, denominator: 1 }, daysInTreatment: { median: 7 } });
    expect(m.gas.collaborative.clients + m.gas.none.clients).toBe(0);
  });
});

describe('clinic and counselor views', () => {
  it('splits by counselor of the latest event', () => {
    const view = clinicMetrics(clinic);
    expect(view.counselors.map((c) => [c.counselorId, c.metrics.clients])).toEqual([
      ['c1', 2],
      ['c2', 3],
    ]);
    expect(counselorMetrics(clinic, 'c1')).toEqual(view.counselors[0]!.metrics);
  });

  it('monthly trends fill the months between first and last activity', () => {
    const trends = monthlyTrends(clinic);
    expect(trends.map((t) => t.period)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']);
    expect(trends[0]).toEqual({
      period: '2025-01',
      activeClients: 3,
      attended: 4,
      noShow: 0,
      attendanceRate: 1,
      goalsSet: { collaborative: 1, directive: 2 },
      goalsAchieved: { collaborative: 0, directive: 1 },
    });
    expect(trends[1]).toMatchObject({ activeClients: 2, attended: 2, noShow: 1, goalsSet: { collaborative: 1, directive: 0 }, goalsAchieved: { collaborative: 1, directive: 0 } });
    expect(trends[1]!.attendanceRate).toBeCloseTo(2 / 3, 10);
  });

  it('monthly trends honour a from/to range, empty months included', () => {
    const trends = monthlyTrends(clinic, { fromMonth: '2024-12', toMonth: '2025-02' });
    expect(trends.map((t) => [t.period, t.activeClients, t.attendanceRate])).toEqual([
      ['2024-12', 0, null],
      ['2025-01', 3, 1],
      ['2025-02', 2, 2 / 3],
    ]);
    expect(monthlyTrends(clinic, { fromMonth: '2025-04' }).map((t) => t.period)).toEqual(['2025-04', '2025-05']);
    expect(monthlyTrends([], {})).toEqual([]);
  });
});

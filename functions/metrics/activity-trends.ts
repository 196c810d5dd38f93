// Trend rows per period (SPEC §3): active clients (≥ 1 attended session in the period), sessions
// attended, attendance rate, goals set by mode, goals achieved by mode. Periods are the clinic-zone
// keys already stored in each ClientSummary's activity.
import { ratio } from '../stats/descriptive.js';
import type { ClientSummary, ModeCounts, PeriodActivity } from './client-summary-types.js';

export type TrendRow = {
  period: string;
  activeClients: number;
  attended: number;
  noShow: number;
  attendanceRate: number | null;
  goalsSet: ModeCounts;
  goalsAchieved: ModeCounts;
};

export function trendRows(
  summaries: readonly ClientSummary[],
  periods: readonly string[],
  activityOf: (s: ClientSummary) => Record<string, PeriodActivity>,
): TrendRow[] {
  return periods.map((period) => {
    const row: TrendRow = {
      period,
      activeClients: 0,
      attended: 0,
      noShow: 0,
      attendanceRate: null,
      goalsSet: { collaborative: 0, directive: 0 },
      goalsAchieved: { collaborative: 0, directive: 0 },
    };
    for (const summary of summaries) {
      const a = activityOf(summary)[period];
      if (!a) continue;
      if (a.attended > 0) row.activeClients += 1;
      row.attended += a.attended;
      row.noShow += a.noShow;
      row.goalsSet.collaborative += a.goalsSet.collaborative;
      row.goalsSet.directive += a.goalsSet.directive;
      row.goalsAchieved.collaborative += a.goalsAchieved.collaborative;
      row.goalsAchieved.directive += a.goalsAchieved.directive;
    }
    row.attendanceRate = ratio(row.attended, row.attended + row.noShow);
    return row;
  });
}

// Trend rows per period (SPEC §3): active clients (≥ 1 attended session in the period), sessions
// attended, attendance rate, goals set by mode, goals achieved by mode. Periods are the clinic-zone
// keys already stored in each ClientSummary's activity. The counts are tallied per period first, a
// mergeable form (group-partial.ts keeps the monthly tallies), and rows are read from the tallies.
import { ratio } from '../stats/descriptive.js';
import type { ModeCounts, PeriodActivity } from './client-summary-types.js';

export type TrendRow = {
  period: string;
  activeClients: number;
  attended: number;
  noShow: number;
  attendanceRate: number | null;
  goalsSet: ModeCounts;
  goalsAchieved: ModeCounts;
};

/** A trend row's counts; tallies of disjoint groups add up field by field. */
export type PeriodTally = Omit<TrendRow, 'period' | 'attendanceRate'>;

const emptyTally = (): PeriodTally => ({
  activeClients: 0,
  attended: 0,
  noShow: 0,
  goalsSet: { collaborative: 0, directive: 0 },
  goalsAchieved: { collaborative: 0, directive: 0 },
});

/** Adds one client's activity to the tallies; with `from`, earlier periods (keys sort as strings) are passed over. */
export function tallyActivity(tallies: Map<string, PeriodTally>, activity: Record<string, PeriodActivity>, from?: string): void {
  for (const period in activity) {
    if (from !== undefined && period < from) continue;
    const a = activity[period]!;
    const t = tallies.get(period) ?? emptyTally();
    tallies.set(period, t);
    if (a.attended > 0) t.activeClients += 1;
    t.attended += a.attended;
    t.noShow += a.noShow;
    t.goalsSet.collaborative += a.goalsSet.collaborative;
    t.goalsSet.directive += a.goalsSet.directive;
    t.goalsAchieved.collaborative += a.goalsAchieved.collaborative;
    t.goalsAchieved.directive += a.goalsAchieved.directive;
  }
}

/** One row per period asked for, zeros where nothing happened. */
export function trendRowsOf(tallies: Readonly<Record<string, PeriodTally>>, periods: readonly string[]): TrendRow[] {
  return periods.map((period) => {
    const t = Object.hasOwn(tallies, period) ? tallies[period]! : emptyTally();
    return {
      period,
      activeClients: t.activeClients,
      attended: t.attended,
      noShow: t.noShow,
      attendanceRate: ratio(t.attended, t.attended + t.noShow),
      goalsSet: { ...t.goalsSet },
      goalsAchieved: { ...t.goalsAchieved },
    };
  });
}

// The clinic director's view: group metrics for the clinic, one row per counselor, and monthly
// trends in the clinic zone, optionally limited to a from/to month range ("YYYY-MM", inclusive).
// Read from the clinic's partial aggregate (group-partial.ts).
import { monthsBetween } from './clinic-calendar.js';
import type { ClientSummary } from './client-summary-types.js';
import { type GroupMetrics, metricsOfTally } from './group-metrics.js';
import { type CounselorPartial, type GroupPartial, counselorIdsOf, counselorTally, groupPartialOf, groupTally } from './group-partial.js';
import { type TrendRow, trendRowsOf } from './activity-trends.js';

export type MonthRange = { fromMonth?: string; toMonth?: string };
export type ClinicMetrics = GroupMetrics & {
  counselors: { counselorId: string; metrics: GroupMetrics }[];
  monthlyTrends: TrendRow[];
};

/** Clients are attributed to the counselor of their latest event. */
export const counselorMetrics = (summaries: readonly ClientSummary[], counselorId: string): GroupMetrics =>
  counselorMetricsOf(groupPartialOf(summaries.filter((s) => s.counselorId === counselorId)), counselorId);

export const counselorMetricsOf = (partial: GroupPartial, counselorId: string): GroupMetrics => metricsOfTally(counselorTally(partial, counselorId));

export const clinicMetrics = (summaries: readonly ClientSummary[], range: MonthRange = {}): ClinicMetrics =>
  clinicMetricsOf(groupPartialOf(summaries), range);

/** `tally` is the group's (groupTally(partial)), when the caller has merged it already. */
export function clinicMetricsOf(partial: GroupPartial, range: MonthRange = {}, tally: CounselorPartial = groupTally(partial)): ClinicMetrics {
  return {
    ...metricsOfTally(tally),
    counselors: counselorIdsOf(partial).map((counselorId) => ({ counselorId, metrics: counselorMetricsOf(partial, counselorId) })),
    monthlyTrends: monthlyTrendsOf(partial, range),
  };
}

export const monthlyTrends = (summaries: readonly ClientSummary[], range: MonthRange = {}): TrendRow[] =>
  monthlyTrendsOf(groupPartialOf(summaries), range);

/** One row per month, gaps filled, from the range (or the first active month) to the range end (or the last). */
function monthlyTrendsOf(partial: GroupPartial, range: MonthRange): TrendRow[] {
  const active = Object.keys(partial.months).sort();
  const first = range.fromMonth ?? active[0];
  const last = range.toMonth ?? active.at(-1);
  if (!first || !last || first > last) return [];
  return trendRowsOf(partial.months, monthsBetween(first, last));
}

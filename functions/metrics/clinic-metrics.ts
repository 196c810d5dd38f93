// The clinic director's view: group metrics for the clinic, one row per counselor, and monthly
// trends in the clinic zone, optionally limited to a from/to month range ("YYYY-MM", inclusive).
import { monthsBetween } from './clinic-calendar.js';
import type { ClientSummary } from './client-summary-types.js';
import { type GroupMetrics, groupMetrics } from './group-metrics.js';
import { type TrendRow, trendRows } from './activity-trends.js';

export type MonthRange = { fromMonth?: string; toMonth?: string };
export type ClinicMetrics = GroupMetrics & {
  counselors: { counselorId: string; metrics: GroupMetrics }[];
  monthlyTrends: TrendRow[];
};

/** Clients are attributed to the counselor of their latest event. */
export const counselorIds = (summaries: readonly ClientSummary[]): string[] =>
  [...new Set(summaries.map((s) => s.counselorId))].sort();

export const counselorMetrics = (summaries: readonly ClientSummary[], counselorId: string): GroupMetrics =>
  groupMetrics(summaries.filter((s) => s.counselorId === counselorId));

export function clinicMetrics(summaries: readonly ClientSummary[], range: MonthRange = {}): ClinicMetrics {
  return {
    ...groupMetrics(summaries),
    counselors: counselorIds(summaries).map((counselorId) => ({ counselorId, metrics: counselorMetrics(summaries, counselorId) })),
    monthlyTrends: monthlyTrends(summaries, range),
  };
}

/** One row per month, gaps filled, from the range (or the first active month) to the range end (or the last). */
export function monthlyTrends(summaries: readonly ClientSummary[], range: MonthRange = {}): TrendRow[] {
  const active = summaries.flatMap((s) => Object.keys(s.activity.months)).sort();
  const first = range.fromMonth ?? active[0];
  const last = range.toMonth ?? active.at(-1);
  if (!first || !last || first > last) return [];
  return trendRows(summaries, monthsBetween(first, last), (s) => s.activity.months);
}

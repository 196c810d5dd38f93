// The response types the dashboard reads. Type-only imports: nothing of the server is bundled, and
// a renamed field fails `tsc` here instead of failing a page.
import type { ClinicMetrics, ModeComparison, NetworkComparison, CaseloadRow, TrendRow, GroupMetrics } from '../../../functions/metrics/index.js';

export type { ModeComparison, NetworkComparison, CaseloadRow, TrendRow, GroupMetrics };
export type { NetworkFigure, BreakdownRow, ProportionComparison, PublishedCount } from '../../../functions/metrics/index.js';
export type { ProportionEstimate, EffectSizeEstimate, DifferenceEstimate, Estimate } from '../../../functions/stats/index.js';
export type { ClientMode, GoalMode, CaseloadFlag } from '../../../functions/metrics/index.js';

export type ClinicMetricsResponse = {
  clinicId: string;
  timeZone: string;
  asOf: string;
  clients: number;
  metrics: Omit<ClinicMetrics, 'counselors' | 'monthlyTrends'>;
  counselors: ClinicMetrics['counselors'];
  monthlyTrends: TrendRow[];
};

export type ClinicComparisonResponse = {
  clinicId: string;
  asOf: string;
  comparison: ModeComparison;
  counselors?: { counselorId: string; comparison: ModeComparison }[];
};

export type NetworkComparisonResponse = { view: string; asOf: string; comparison: NetworkComparison };

export type CaseloadResponse = {
  clinicId: string;
  counselorId: string;
  timeZone: string;
  asOf: string;
  clients: CaseloadRow[];
  weeklyTrends: TrendRow[];
};

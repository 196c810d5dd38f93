// The response types the dashboard reads come from the API's contract (functions/api/contract.ts),
// type-only: nothing of the server is bundled, and a renamed field fails `tsc` instead of a page.
export type {
  BreakdownRow,
  CaseloadResponse,
  CaseloadRow,
  ClientTimelineResponse,
  ClinicComparisonResponse,
  ClinicMetricsResponse,
  DifferenceEstimate,
  EffectSizeEstimate,
  GroupMetrics,
  ModeComparison,
  NetworkComparisonResponse,
  NetworkFigure,
  ProportionComparison,
  ProportionEstimate,
  PublishedCount,
  TrendRow,
} from '../../../functions/api/contract.js';
import type { NetworkComparisonResponse } from '../../../functions/api/contract.js';

/** The two network figures and the population size, without the view and as-of around them. */
export type NetworkComparison = NetworkComparisonResponse['comparison'];

export type GoalMode = 'collaborative' | 'directive';
/** A point estimate with its interval, or null with the reason (SPEC §5). */
export type Estimate = { estimate: number; lower: number; upper: number } | { estimate: null; reason: string };

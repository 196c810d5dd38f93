// Collaborative (group 1) vs directive (group 2) within a clinic, SPEC §5:
//  - goal attainment (goal level: each closed goal under its own mode) and 90-day retention (episode
//    level, by the episode's mode, SPEC §3): Wilson interval per group and the Newcombe method-10
//    interval for p₁ − p₂;
//  - GAS T-score, WAI-SR total and ORS change (client level): Hedges' g.
// Mixed and none clients are reported beside the comparison, never folded into either group.
// Read from the group's partial aggregate (group-partial.ts); the means and standard deviations
// behind Hedges' g come from exact moments (stats/moments.ts).
import { type DifferenceEstimate, newcombeDifference } from '../stats/newcombe-difference.js';
import { type EffectSizeEstimate, hedgesG } from '../stats/hedges-g.js';
import { type Moments, momentsMean, momentsSummary } from '../stats/moments.js';
import { type ProportionEstimate, wilsonInterval } from '../stats/wilson-interval.js';
import { type ClientMode, type ClientSummary, type GoalMode, clientModes } from './client-summary-types.js';
import { type ClientModeTally, type CounselorPartial, type GroupPartial, counselorIdsOf, counselorTally, groupPartialOf, groupTally } from './group-partial.js';

export type ProportionComparison = {
  collaborative: ProportionEstimate;
  directive: ProportionEstimate;
  difference: DifferenceEstimate;
};

export type BesideFigures = {
  clients: number;
  /** Episodes of this mode with a start; retention90 counts them. */
  episodes: number;
  retention90: ProportionEstimate;
  meanGasTScore: number | null;
  meanWaiSrTotal: number | null;
};

export type ModeComparison = {
  clients: Record<ClientMode, number>;
  /** Episodes with a start, by the episode's own mode (retention90 counts them). */
  episodes: Record<ClientMode, number>;
  attainment: ProportionComparison;
  retention90: ProportionComparison;
  gasTScore: EffectSizeEstimate;
  waiSrTotal: EffectSizeEstimate;
  orsChange: EffectSizeEstimate;
  beside: { mixed: BesideFigures; none: BesideFigures };
};

/** Event counts behind the two SPEC §5 proportions, per mode: the network step's count row for a clinic. */
export type ComparisonCounts = { attainment: Record<GoalMode, { events: number; n: number }>; retention90: Record<GoalMode, { events: number; n: number }> };

export const comparisonCounts = (summaries: readonly ClientSummary[]): ComparisonCounts => comparisonCountsOf(groupPartialOf(summaries));

export const comparisonCountsOf = (partial: GroupPartial): ComparisonCounts => countsOfTally(groupTally(partial));

/** The count cells of one tally: a counselor's, or the whole group's (groupTally). */
export function countsOfTally(t: CounselorPartial): ComparisonCounts {
  const attainment = (mode: GoalMode) => ({ events: t.byGoalMode[mode].achieved, n: t.byGoalMode[mode].closedGoals });
  const retention = (mode: GoalMode) => ({ events: t.byEpisodeMode[mode].retained90, n: t.byEpisodeMode[mode].eligible90 });
  return {
    attainment: { collaborative: attainment('collaborative'), directive: attainment('directive') },
    retention90: { collaborative: retention('collaborative'), directive: retention('directive') },
  };
}

export const compareModes = (summaries: readonly ClientSummary[]): ModeComparison => compareModesOf(groupPartialOf(summaries));

export const compareModesOf = (partial: GroupPartial): ModeComparison => comparisonOfTally(groupTally(partial));

export const compareModesByCounselor = (summaries: readonly ClientSummary[]) => compareModesByCounselorOf(groupPartialOf(summaries));

export const compareModesByCounselorOf = (partial: GroupPartial): { counselorId: string; comparison: ModeComparison }[] =>
  counselorIdsOf(partial).map((counselorId) => ({ counselorId, comparison: comparisonOfTally(counselorTally(partial, counselorId)) }));

/** The comparison of one tally: a counselor's, or the whole group's (groupTally). */
export function comparisonOfTally(t: CounselorPartial): ModeComparison {
  const counts = countsOfTally(t);
  const effect = (moments: (tally: ClientModeTally) => Moments) =>
    hedgesG(momentsSummary(moments(t.byClientMode.collaborative)), momentsSummary(moments(t.byClientMode.directive)));
  const beside = (mode: ClientMode): BesideFigures => {
    const episodes = t.byEpisodeMode[mode];
    const clients = t.byClientMode[mode];
    return {
      clients: clients.clients,
      episodes: episodes.episodes,
      retention90: wilsonInterval(episodes.retained90, episodes.eligible90),
      meanGasTScore: momentsMean(clients.gas.tScores),
      meanWaiSrTotal: momentsMean(clients.waiSr.total),
    };
  };
  const byMode = (count: (mode: ClientMode) => number) => Object.fromEntries(clientModes.map((m) => [m, count(m)])) as Record<ClientMode, number>;
  return {
    clients: byMode((m) => t.byClientMode[m].clients),
    episodes: byMode((m) => t.byEpisodeMode[m].episodes),
    attainment: compareProportions(counts.attainment),
    retention90: compareProportions(counts.retention90),
    gasTScore: effect((c) => c.gas.tScores),
    waiSrTotal: effect((c) => c.waiSr.total),
    orsChange: effect((c) => c.outcome.changes),
    beside: { mixed: beside('mixed'), none: beside('none') },
  };
}

function compareProportions(counts: Record<GoalMode, { events: number; n: number }>): ProportionComparison {
  const { collaborative: c, directive: d } = counts;
  return {
    collaborative: wilsonInterval(c.events, c.n),
    directive: wilsonInterval(d.events, d.n),
    difference: newcombeDifference(c.events, c.n, d.events, d.n),
  };
}

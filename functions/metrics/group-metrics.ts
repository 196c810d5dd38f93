// The metrics of a group (a clinic, or one counselor's clients), SPEC §3, read from its partial
// aggregate (group-partial.ts). Engagement counts episodes, broken down by the episode's
// goal-setting mode; the other client-level figures by the client's mode; goal attainment is
// goal-level, each goal under its own mode. Every figure carries the counts behind it, and is
// independent of summary order and of how the summaries were split into partials.
import { exactMean } from '../stats/exact-sum.js';
import { histogramFigures } from '../stats/histogram.js';
import { momentsMean } from '../stats/moments.js';
import { ratio } from '../stats/descriptive.js';
import { type ClientMode, type ClientSummary, type GoalMode, clientModes, goalModes } from './client-summary-types.js';
import {
  type AttainmentTally,
  type ClientModeTally,
  type CounselorPartial,
  type EngagementTally,
  type GroupPartial,
  groupPartialOf,
  groupTally,
  mergeAll,
} from './group-partial.js';

export type ByClientMode<T> = Record<'overall' | ClientMode, T>;
export type ByGoalMode<T> = Record<'overall' | GoalMode, T>;
export type Proportion = { numerator: number; denominator: number; rate: number | null };

/** SPEC §3: counted in episodes (a readmitted client is one row per episode), by the episode's mode. */
export type EngagementMetrics = {
  /** Episodes with a start. */
  episodes: number;
  attendance: { episodes: number; attended: number; noShow: number; rate: number | null };
  retention30: Proportion;
  retention90: Proportion;
  dropout: Proportion & { lostToContact: number };
  daysInTreatment: { episodes: number; mean: number | null; median: number | null };
};
export type AttainmentMetrics = {
  clients: number;
  closedGoals: number;
  achieved: number;
  rate: number | null;
  daysToAttainment: { goals: number; median: number | null };
};
export type GasMetrics = { clients: number; goalsScored: number; goalsWithoutLevel: number; meanTScore: number | null };
export type AllianceMetrics = {
  waiSr: { clients: number; total: number | null; task: number | null; bond: number | null; goal: number | null };
  srs: { clients: number; administrations: number; mean: number | null; belowThreshold: number; shareBelowThreshold: number | null };
};
export type OutcomeMetrics = {
  clients: number;
  meanChange: number | null;
  reliableImprovement: Proportion;
  recovered: Proportion;
};
export type DataQualityTotals = { unknownGoalEvents: number; clientsWithSessionsButNoGoals: number; goalsNeverReviewed: number };

export type GroupMetrics = {
  clients: number;
  engagement: ByClientMode<EngagementMetrics>;
  attainment: ByGoalMode<AttainmentMetrics>;
  gas: ByClientMode<GasMetrics>;
  alliance: ByClientMode<AllianceMetrics>;
  outcome: ByClientMode<OutcomeMetrics>;
  dataQuality: DataQualityTotals;
};

const proportion = (numerator: number, denominator: number): Proportion => ({ numerator, denominator, rate: ratio(numerator, denominator) });

export const groupMetrics = (summaries: readonly ClientSummary[]): GroupMetrics => groupMetricsOf(groupPartialOf(summaries));

export const groupMetricsOf = (partial: GroupPartial): GroupMetrics => metricsOfTally(groupTally(partial));

/** The metrics of one tally: a counselor's, or the whole group's (groupTally). */
export function metricsOfTally(t: CounselorPartial): GroupMetrics {
  const allClients = mergedOver(t.byClientMode);
  const byClientMode = <T>(figures: (tally: ClientModeTally) => T): ByClientMode<T> => ({
    overall: figures(allClients),
    ...(Object.fromEntries(clientModes.map((m) => [m, figures(t.byClientMode[m])])) as Record<ClientMode, T>),
  });
  return {
    clients: t.clients,
    engagement: {
      overall: engagementOf(mergedOver(t.byEpisodeMode)),
      ...(Object.fromEntries(clientModes.map((m) => [m, engagementOf(t.byEpisodeMode[m])])) as Record<ClientMode, EngagementMetrics>),
    },
    attainment: {
      overall: attainmentOf({ ...mergedOver(t.byGoalMode), clients: t.clientsWithClosedGoals }),
      ...(Object.fromEntries(goalModes.map((m) => [m, attainmentOf(t.byGoalMode[m])])) as Record<GoalMode, AttainmentMetrics>),
    },
    gas: byClientMode(gasOf),
    alliance: byClientMode(allianceOf),
    outcome: byClientMode(outcomeOf),
    dataQuality: { ...t.dataQuality },
  };
}

/** The tallies of every mode merged: "overall" (modes partition the clients, episodes and goals). */
const mergedOver = <T>(byMode: Record<string, T>): T => mergeAll(Object.values(byMode));

function engagementOf(t: EngagementTally): EngagementMetrics {
  const days = histogramFigures(t.daysInTreatment);
  return {
    episodes: t.episodes,
    attendance: { episodes: t.withSessions, attended: t.attended, noShow: t.noShow, rate: ratio(t.attended, t.attended + t.noShow) },
    retention30: proportion(t.retained30, t.eligible30),
    retention90: proportion(t.retained90, t.eligible90),
    dropout: { ...proportion(t.droppedOut, t.episodes), lostToContact: t.lostToContact },
    daysInTreatment: { episodes: days.count, mean: days.mean, median: days.median },
  };
}

function attainmentOf(t: AttainmentTally): AttainmentMetrics {
  const days = histogramFigures(t.daysToAttainment);
  return {
    clients: t.clients,
    closedGoals: t.closedGoals,
    achieved: t.achieved,
    rate: ratio(t.achieved, t.closedGoals),
    daysToAttainment: { goals: days.count, median: days.median },
  };
}

const gasOf = ({ gas }: ClientModeTally): GasMetrics => ({
  clients: gas.tScores.n,
  goalsScored: gas.goalsScored,
  goalsWithoutLevel: gas.goalsWithoutLevel,
  meanTScore: momentsMean(gas.tScores),
});

function allianceOf({ waiSr, srs }: ClientModeTally): AllianceMetrics {
  const n = waiSr.total.n;
  const subscale = (sum: number[]) => exactMean(sum, n);
  return {
    waiSr: { clients: n, total: momentsMean(waiSr.total), task: subscale(waiSr.task), bond: subscale(waiSr.bond), goal: subscale(waiSr.goal) },
    srs: {
      clients: srs.clients,
      administrations: srs.administrations,
      mean: exactMean(srs.sum, srs.administrations),
      belowThreshold: srs.belowThreshold,
      shareBelowThreshold: ratio(srs.belowThreshold, srs.administrations),
    },
  };
}

const outcomeOf = ({ outcome }: ClientModeTally): OutcomeMetrics => ({
  clients: outcome.changes.n,
  meanChange: momentsMean(outcome.changes),
  reliableImprovement: proportion(outcome.reliableImprovement, outcome.changes.n),
  recovered: proportion(outcome.recovered, outcome.changes.n),
});

// Collaborative (group 1) vs directive (group 2) within a clinic, SPEC §5:
//  - goal attainment (goal level: each closed goal under its own mode) and 90-day retention (episode
//    level, by the episode's mode, SPEC §3): Wilson interval per group and the Newcombe method-10
//    interval for p₁ − p₂;
//  - GAS T-score, WAI-SR total and ORS change (client level): Hedges' g.
// Mixed and none clients are reported beside the comparison, never folded into either group.
import { type DifferenceEstimate, newcombeDifference } from '../stats/newcombe-difference.js';
import { type EffectSizeEstimate, hedgesGOfSamples } from '../stats/hedges-g.js';
import { type ProportionEstimate, wilsonInterval } from '../stats/wilson-interval.js';
import { mean } from '../stats/descriptive.js';
import type { ClientMode, ClientSummary, GoalMode } from './client-summary-types.js';
import { counselorIds } from './clinic-metrics.js';

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

/** Event counts behind the two SPEC §5 proportions, per mode. */
export type ComparisonCounts = { attainment: Record<GoalMode, { events: number; n: number }>; retention90: Record<GoalMode, { events: number; n: number }> };

export function comparisonCounts(summaries: readonly ClientSummary[]): ComparisonCounts {
  const attainment = (mode: GoalMode) => {
    const closed = summaries.flatMap((s) => s.goals.filter((g) => g.mode === mode && g.closed));
    return { events: closed.filter((g) => g.closed?.outcome === 'achieved').length, n: closed.length };
  };
  const retention = (mode: ClientMode) => {
    const eligible = startedEpisodes(summaries).filter((e) => e.mode === mode && e.retention.day90.eligible);
    return { events: eligible.filter((e) => e.retention.day90.retained).length, n: eligible.length };
  };
  return {
    attainment: { collaborative: attainment('collaborative'), directive: attainment('directive') },
    retention90: { collaborative: retention('collaborative'), directive: retention('directive') },
  };
}

export function compareModes(summaries: readonly ClientSummary[]): ModeComparison {
  const counts = comparisonCounts(summaries);
  const ofMode = (mode: ClientMode) => summaries.filter((s) => s.mode === mode);
  const values = (mode: ClientMode, pick: (s: ClientSummary) => number | null) =>
    ofMode(mode).flatMap((s) => {
      const v = pick(s);
      return v === null ? [] : [v];
    });
  const effect = (pick: (s: ClientSummary) => number | null) =>
    hedgesGOfSamples(values('collaborative', pick), values('directive', pick));
  const episodes = startedEpisodes(summaries);
  const episodesOfMode = (mode: ClientMode) => episodes.filter((e) => e.mode === mode);
  const beside = (mode: ClientMode): BesideFigures => {
    const eligible = episodesOfMode(mode).filter((e) => e.retention.day90.eligible);
    return {
      clients: ofMode(mode).length,
      episodes: episodesOfMode(mode).length,
      retention90: wilsonInterval(eligible.filter((e) => e.retention.day90.retained).length, eligible.length),
      meanGasTScore: mean(values(mode, (s) => s.gas.tScore)),
      meanWaiSrTotal: mean(values(mode, (s) => s.alliance.waiSr?.total ?? null)),
    };
  };
  return {
    clients: {
      collaborative: ofMode('collaborative').length,
      directive: ofMode('directive').length,
      mixed: ofMode('mixed').length,
      none: ofMode('none').length,
    },
    episodes: {
      collaborative: episodesOfMode('collaborative').length,
      directive: episodesOfMode('directive').length,
      mixed: episodesOfMode('mixed').length,
      none: episodesOfMode('none').length,
    },
    attainment: compareProportions(counts.attainment),
    retention90: compareProportions(counts.retention90),
    gasTScore: effect((s) => s.gas.tScore),
    waiSrTotal: effect((s) => s.alliance.waiSr?.total ?? null),
    orsChange: effect((s) => s.outcome.change),
    beside: { mixed: beside('mixed'), none: beside('none') },
  };
}

const startedEpisodes = (summaries: readonly ClientSummary[]) => summaries.flatMap((s) => s.episodes.filter((e) => e.start !== null));

export const compareModesByCounselor = (summaries: readonly ClientSummary[]) =>
  counselorIds(summaries).map((counselorId) => ({
    counselorId,
    comparison: compareModes(summaries.filter((s) => s.counselorId === counselorId)),
  }));

function compareProportions(counts: Record<GoalMode, { events: number; n: number }>): ProportionComparison {
  const { collaborative: c, directive: d } = counts;
  return {
    collaborative: wilsonInterval(c.events, c.n),
    directive: wilsonInterval(d.events, d.n),
    difference: newcombeDifference(c.events, c.n, d.events, d.n),
  };
}

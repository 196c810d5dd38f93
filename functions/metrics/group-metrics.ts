// Folds ClientSummary[] into the metrics of a group (a clinic, or one counselor's clients), SPEC §3.
// Engagement counts episodes, broken down by the episode's goal-setting mode; the other client-level
// figures by the client's mode; goal attainment is goal-level, each goal under its own mode. Every figure carries the counts behind it, and the
// fold is independent of summary order (sums are taken in sorted order).
import { mean, median, ratio } from '../stats/descriptive.js';
import { SRS_ALLIANCE_THRESHOLD } from './caseload-flags.js';
import { type ClientMode, type ClientSummary, type EpisodeSummary, type GoalMode, type GoalRecord, clientModes, goalModes } from './client-summary-types.js';

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

// A clinic fold sorts hundreds of thousands of values (every SRS total, for one): a native typed-array
// sort first hands mean() and median() input already in order, which their stable sorts pass over in
// linear time, while the summation rule stays theirs.
function ascending(values: readonly number[]): number[] {
  const sorted = new Float64Array(values).sort();
  const result = new Array<number>(sorted.length);
  for (let i = 0; i < sorted.length; i++) result[i] = sorted[i]!;
  return result;
}
const sortedMean = (values: readonly number[]) => mean(ascending(values));

type ByMode = Record<ClientMode, ClientSummary[]>;

function partitionByMode(summaries: readonly ClientSummary[]): ByMode {
  const groups = Object.fromEntries(clientModes.map((m) => [m, []])) as unknown as ByMode;
  for (const s of summaries) groups[s.mode].push(s);
  return groups;
}

const byClientMode = <T>(summaries: readonly ClientSummary[], groups: ByMode, fold: (group: readonly ClientSummary[]) => T): ByClientMode<T> => ({
  overall: fold(summaries),
  ...(Object.fromEntries(clientModes.map((m) => [m, fold(groups[m])])) as Record<ClientMode, T>),
});

export function groupMetrics(summaries: readonly ClientSummary[]): GroupMetrics {
  const groups = partitionByMode(summaries);
  let unknownGoalEvents = 0;
  let clientsWithSessionsButNoGoals = 0;
  let goalsNeverReviewed = 0;
  for (const s of summaries) {
    unknownGoalEvents += s.dataQuality.unknownGoalEvents;
    if (s.dataQuality.sessionsWithoutGoals) clientsWithSessionsButNoGoals += 1;
    goalsNeverReviewed += s.dataQuality.goalsNeverReviewed;
  }
  return {
    clients: summaries.length,
    engagement: engagementByEpisodeMode(summaries),
    attainment: attainmentByGoalMode(summaries),
    gas: byClientMode(summaries, groups, gasOf),
    alliance: byClientMode(summaries, groups, allianceOf),
    outcome: byClientMode(summaries, groups, outcomeOf),
    dataQuality: { unknownGoalEvents, clientsWithSessionsButNoGoals, goalsNeverReviewed },
  };
}

function engagementByEpisodeMode(summaries: readonly ClientSummary[]): ByClientMode<EngagementMetrics> {
  const episodes = summaries.flatMap((s) => s.episodes);
  return {
    overall: engagementOf(episodes),
    ...(Object.fromEntries(clientModes.map((m) => [m, engagementOf(episodes.filter((e) => e.mode === m))])) as Record<ClientMode, EngagementMetrics>),
  };
}

function engagementOf(group: readonly EpisodeSummary[]): EngagementMetrics {
  let started = 0;
  let withSessions = 0;
  let attended = 0;
  let noShow = 0;
  let droppedOut = 0;
  let lostToContact = 0;
  const eligible = { day30: 0, day90: 0 };
  const retained = { day30: 0, day90: 0 };
  const days: number[] = [];
  for (const s of group) {
    if (s.start !== null) {
      started += 1;
      if (s.dropout.droppedOut) droppedOut += 1;
      if (s.dropout.cause === 'lost_to_contact') lostToContact += 1;
    }
    if (s.attendance.attended + s.attendance.noShow > 0) withSessions += 1;
    attended += s.attendance.attended;
    noShow += s.attendance.noShow;
    for (const day of ['day30', 'day90'] as const) {
      if (!s.retention[day].eligible) continue;
      eligible[day] += 1;
      if (s.retention[day].retained) retained[day] += 1;
    }
    if (s.daysInTreatment !== null) days.push(s.daysInTreatment);
  }
  const sortedDays = ascending(days);
  return {
    episodes: started,
    attendance: { episodes: withSessions, attended, noShow, rate: ratio(attended, attended + noShow) },
    retention30: proportion(retained.day30, eligible.day30),
    retention90: proportion(retained.day90, eligible.day90),
    dropout: { ...proportion(droppedOut, started), lostToContact },
    daysInTreatment: { episodes: days.length, mean: mean(sortedDays), median: median(sortedDays) },
  };
}

const ATTAINMENT_GROUPS = ['overall', ...goalModes] as const;

function attainmentByGoalMode(summaries: readonly ClientSummary[]): ByGoalMode<AttainmentMetrics> {
  type Tally = { clients: number; closedGoals: number; achieved: number; days: number[] };
  const emptyTally = (): Tally => ({ clients: 0, closedGoals: 0, achieved: 0, days: [] });
  const tallies: ByGoalMode<Tally> = { overall: emptyTally(), collaborative: emptyTally(), directive: emptyTally() };
  const count = (tally: Tally, goal: GoalRecord) => {
    tally.closedGoals += 1;
    if (goal.closed?.outcome !== 'achieved') return;
    tally.achieved += 1;
    if (goal.daysToAttainment !== null) tally.days.push(goal.daysToAttainment);
  };
  for (const s of summaries) {
    const closedIn = { overall: false, collaborative: false, directive: false };
    for (const g of s.goals) {
      if (g.closed === null) continue;
      count(tallies.overall, g);
      count(tallies[g.mode], g);
      closedIn.overall = closedIn[g.mode] = true;
    }
    for (const mode of ATTAINMENT_GROUPS) if (closedIn[mode]) tallies[mode].clients += 1;
  }
  const metrics = ({ clients, closedGoals, achieved, days }: Tally): AttainmentMetrics => ({
    clients,
    closedGoals,
    achieved,
    rate: ratio(achieved, closedGoals),
    daysToAttainment: { goals: days.length, median: median(ascending(days)) },
  });
  return {
    overall: metrics(tallies.overall),
    ...(Object.fromEntries(goalModes.map((m) => [m, metrics(tallies[m])])) as Record<GoalMode, AttainmentMetrics>),
  };
}

function gasOf(group: readonly ClientSummary[]): GasMetrics {
  const scores: number[] = [];
  let goalsScored = 0;
  let goalsWithoutLevel = 0;
  for (const s of group) {
    if (s.gas.tScore !== null) scores.push(s.gas.tScore);
    goalsScored += s.gas.goalsScored;
    goalsWithoutLevel += s.gas.goalsWithoutLevel;
  }
  return { clients: scores.length, goalsScored, goalsWithoutLevel, meanTScore: sortedMean(scores) };
}

function allianceOf(group: readonly ClientSummary[]): AllianceMetrics {
  const wai = { total: [] as number[], task: [] as number[], bond: [] as number[], goal: [] as number[] };
  const srs: number[] = [];
  let srsClients = 0;
  let below = 0;
  for (const s of group) {
    const w = s.alliance.waiSr;
    if (w) {
      wai.total.push(w.total);
      wai.task.push(w.task);
      wai.bond.push(w.bond);
      wai.goal.push(w.goal);
    }
    if (s.alliance.srsTotals.length > 0) srsClients += 1;
    for (const t of s.alliance.srsTotals) {
      srs.push(t);
      if (t < SRS_ALLIANCE_THRESHOLD) below += 1;
    }
  }
  return {
    waiSr: {
      clients: wai.total.length,
      total: sortedMean(wai.total),
      task: sortedMean(wai.task),
      bond: sortedMean(wai.bond),
      goal: sortedMean(wai.goal),
    },
    // SPEC §3: SRS mean and the share of SRS totals below 36, over all administrations.
    srs: {
      clients: srsClients,
      administrations: srs.length,
      mean: sortedMean(srs),
      belowThreshold: below,
      shareBelowThreshold: ratio(below, srs.length),
    },
  };
}

function outcomeOf(group: readonly ClientSummary[]): OutcomeMetrics {
  const changes: number[] = [];
  let improved = 0;
  let recovered = 0;
  for (const s of group) {
    if (s.outcome.change === null) continue;
    changes.push(s.outcome.change);
    if (s.outcome.reliableImprovement) improved += 1;
    if (s.outcome.recovered) recovered += 1;
  }
  return {
    clients: changes.length,
    meanChange: sortedMean(changes),
    reliableImprovement: proportion(improved, changes.length),
    recovered: proportion(recovered, changes.length),
  };
}

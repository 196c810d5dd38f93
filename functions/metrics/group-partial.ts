// Mergeable partial aggregates of client summaries (issue 11 §2), so that the aggregation can keep
// one partial per summary bucket and re-fold a clinic by merging partials instead of re-reading
// every summary. Every group figure is read from a partial, the full recompute included
// (groupMetrics(summaries) is groupMetricsOf(groupPartialOf(summaries))): one code path, so a
// merged partial gives figures identical, bit for bit, to a full recompute.
//
// Signatures (stable: the aggregation codes against them)
//
//   type GroupPartial = { counselors: Record<string, CounselorPartial>; months: Record<string, PeriodTally> }
//   groupPartialOf(summaries: readonly ClientSummary[]): GroupPartial
//   mergeGroupPartials(parts: readonly GroupPartial[]): GroupPartial     associative and commutative; [] → empty
//
//   Figures from a partial (each the same as its namesake over the summaries, which calls it):
//   groupMetricsOf(partial: GroupPartial): GroupMetrics                                 group-metrics.ts
//   clinicMetricsOf(partial: GroupPartial, range?: MonthRange): ClinicMetrics           clinic-metrics.ts
//   counselorMetricsOf(partial: GroupPartial, counselorId: string): GroupMetrics        clinic-metrics.ts
//   compareModesOf(partial: GroupPartial): ModeComparison                              comparison.ts
//   compareModesByCounselorOf(partial: GroupPartial): { counselorId: string; comparison: ModeComparison }[]
//   comparisonCountsOf(partial: GroupPartial): ComparisonCounts (the network count row)   comparison.ts
//
// What a partial holds: plain JSON whose size grows with the number of counselors, months and
// distinct day counts, never with the number of clients — counts; exact sums (Shewchuk partials,
// stats/exact-sum.ts) and sums of squares for means and Hedges' g (stats/moments.ts); histograms
// keyed by whole day for the medians of days in treatment and days to attainment, so that medians
// stay exact. Tallies are kept per counselor (a client counts under the counselor of its latest
// event, as counselorMetrics does) and per mode — the client's mode, the episode's mode for
// engagement, the goal's mode for attainment; clinic-wide and "overall" figures merge them. Monthly
// trend tallies are kept clinic-wide. Caseload rows are per client and not part of a partial.
//
// A partial is a value: merging copies, never changes its arguments and shares nothing with them.
import { type ExactSum, addExact } from '../stats/exact-sum.js';
import { type Histogram, addToHistogram } from '../stats/histogram.js';
import { type Moments, addToMoments, emptyMoments } from '../stats/moments.js';
import { type PeriodTally, tallyActivity } from './activity-trends.js';
import { SRS_ALLIANCE_THRESHOLD } from './caseload-flags.js';
import { type ClientMode, type ClientSummary, type GoalMode, clientModes, goalModes } from './client-summary-types.js';
import type { DataQualityTotals } from './group-metrics.js';

/** Client-level figures of the clients of one mode. */
export type ClientModeTally = {
  clients: number;
  gas: { tScores: Moments; goalsScored: number; goalsWithoutLevel: number };
  waiSr: { total: Moments; task: ExactSum; bond: ExactSum; goal: ExactSum };
  srs: { clients: number; administrations: number; sum: ExactSum; belowThreshold: number };
  outcome: { changes: Moments; reliableImprovement: number; recovered: number };
};

/** Engagement of the episodes of one mode (SPEC §3: counted in episodes). */
export type EngagementTally = {
  /** Episodes with a start. */
  episodes: number;
  withSessions: number;
  attended: number;
  noShow: number;
  eligible30: number;
  retained30: number;
  eligible90: number;
  retained90: number;
  droppedOut: number;
  lostToContact: number;
  daysInTreatment: Histogram;
};

/** Closed goals of one mode, each under its own mode. */
export type AttainmentTally = { clients: number; closedGoals: number; achieved: number; daysToAttainment: Histogram };

export type CounselorPartial = {
  clients: number;
  byClientMode: Record<ClientMode, ClientModeTally>;
  byEpisodeMode: Record<ClientMode, EngagementTally>;
  byGoalMode: Record<GoalMode, AttainmentTally>;
  /** Clients with a closed goal of any mode (the overall attainment count, not a sum over modes). */
  clientsWithClosedGoals: number;
  dataQuality: DataQualityTotals;
};

export type GroupPartial = { counselors: Record<string, CounselorPartial>; months: Record<string, PeriodTally> };

const perMode = <M extends string, T>(modes: readonly M[], make: () => T) => Object.fromEntries(modes.map((m) => [m, make()])) as Record<M, T>;

const emptyClientModeTally = (): ClientModeTally => ({
  clients: 0,
  gas: { tScores: emptyMoments(), goalsScored: 0, goalsWithoutLevel: 0 },
  waiSr: { total: emptyMoments(), task: [], bond: [], goal: [] },
  srs: { clients: 0, administrations: 0, sum: [], belowThreshold: 0 },
  outcome: { changes: emptyMoments(), reliableImprovement: 0, recovered: 0 },
});

const emptyEngagementTally = (): EngagementTally => ({
  episodes: 0,
  withSessions: 0,
  attended: 0,
  noShow: 0,
  eligible30: 0,
  retained30: 0,
  eligible90: 0,
  retained90: 0,
  droppedOut: 0,
  lostToContact: 0,
  daysInTreatment: {},
});

const emptyAttainmentTally = (): AttainmentTally => ({ clients: 0, closedGoals: 0, achieved: 0, daysToAttainment: {} });

const emptyCounselorPartial = (): CounselorPartial => ({
  clients: 0,
  byClientMode: perMode(clientModes, emptyClientModeTally),
  byEpisodeMode: perMode(clientModes, emptyEngagementTally),
  byGoalMode: perMode(goalModes, emptyAttainmentTally),
  clientsWithClosedGoals: 0,
  dataQuality: { unknownGoalEvents: 0, clientsWithSessionsButNoGoals: 0, goalsNeverReviewed: 0 },
});

export function groupPartialOf(summaries: readonly ClientSummary[]): GroupPartial {
  // Maps, not object literals, while folding: a counselor id may be any id, "__proto__" included.
  const counselors = new Map<string, CounselorPartial>();
  const months = new Map<string, PeriodTally>();
  for (const s of summaries) {
    const c = counselors.get(s.counselorId) ?? emptyCounselorPartial();
    counselors.set(s.counselorId, c);
    c.clients += 1;
    tallyClient(c.byClientMode[s.mode], s);
    for (const e of s.episodes) tallyEpisode(c.byEpisodeMode[e.mode], e);
    tallyGoals(c, s);
    c.dataQuality.unknownGoalEvents += s.dataQuality.unknownGoalEvents;
    if (s.dataQuality.sessionsWithoutGoals) c.dataQuality.clientsWithSessionsButNoGoals += 1;
    c.dataQuality.goalsNeverReviewed += s.dataQuality.goalsNeverReviewed;
    tallyActivity(months, s.activity.months);
  }
  return { counselors: Object.fromEntries(counselors), months: Object.fromEntries(months) };
}

function tallyClient(t: ClientModeTally, s: ClientSummary): void {
  t.clients += 1;
  if (s.gas.tScore !== null) addToMoments(t.gas.tScores, s.gas.tScore);
  t.gas.goalsScored += s.gas.goalsScored;
  t.gas.goalsWithoutLevel += s.gas.goalsWithoutLevel;
  const w = s.alliance.waiSr;
  if (w) {
    addToMoments(t.waiSr.total, w.total);
    addExact(t.waiSr.task, w.task);
    addExact(t.waiSr.bond, w.bond);
    addExact(t.waiSr.goal, w.goal);
  }
  // SPEC §3: SRS mean and the share of SRS totals below 36, over all administrations.
  if (s.alliance.srsTotals.length > 0) t.srs.clients += 1;
  for (const total of s.alliance.srsTotals) {
    t.srs.administrations += 1;
    addExact(t.srs.sum, total);
    if (total < SRS_ALLIANCE_THRESHOLD) t.srs.belowThreshold += 1;
  }
  if (s.outcome.change !== null) {
    addToMoments(t.outcome.changes, s.outcome.change);
    if (s.outcome.reliableImprovement) t.outcome.reliableImprovement += 1;
    if (s.outcome.recovered) t.outcome.recovered += 1;
  }
}

function tallyEpisode(t: EngagementTally, e: ClientSummary['episodes'][number]): void {
  if (e.start !== null) {
    t.episodes += 1;
    if (e.dropout.droppedOut) t.droppedOut += 1;
    if (e.dropout.cause === 'lost_to_contact') t.lostToContact += 1;
  }
  if (e.attendance.attended + e.attendance.noShow > 0) t.withSessions += 1;
  t.attended += e.attendance.attended;
  t.noShow += e.attendance.noShow;
  if (e.retention.day30.eligible) {
    t.eligible30 += 1;
    if (e.retention.day30.retained) t.retained30 += 1;
  }
  if (e.retention.day90.eligible) {
    t.eligible90 += 1;
    if (e.retention.day90.retained) t.retained90 += 1;
  }
  if (e.daysInTreatment !== null) addToHistogram(t.daysInTreatment, e.daysInTreatment);
}

function tallyGoals(c: CounselorPartial, s: ClientSummary): void {
  let closedCollaborative = false;
  let closedDirective = false;
  for (const g of s.goals) {
    if (g.closed === null) continue;
    const t = c.byGoalMode[g.mode];
    t.closedGoals += 1;
    if (g.mode === 'collaborative') closedCollaborative = true;
    else closedDirective = true;
    if (g.closed.outcome !== 'achieved') continue;
    t.achieved += 1;
    if (g.daysToAttainment !== null) addToHistogram(t.daysToAttainment, g.daysToAttainment);
  }
  if (closedCollaborative) c.byGoalMode.collaborative.clients += 1;
  if (closedDirective) c.byGoalMode.directive.clients += 1;
  if (closedCollaborative || closedDirective) c.clientsWithClosedGoals += 1;
}

export const mergeGroupPartials = (parts: readonly GroupPartial[]): GroupPartial => mergeAll<GroupPartial>([{ counselors: {}, months: {} }, ...parts]);

/** The counselors' tallies merged into one: the whole group's. */
export const groupTally = (partial: GroupPartial): CounselorPartial => mergeAll([emptyCounselorPartial(), ...Object.values(partial.counselors)]);

/** A counselor's tallies, empty for a counselor with no clients in the group. */
export const counselorTally = (partial: GroupPartial, counselorId: string): CounselorPartial =>
  Object.hasOwn(partial.counselors, counselorId) ? partial.counselors[counselorId]! : emptyCounselorPartial();

/** Counselor ids in the order the views list them. */
export const counselorIdsOf = (partial: GroupPartial): string[] => Object.keys(partial.counselors).sort();

// Every leaf of a partial is a count (added), an exact sum (merged exactly) or a record of leaves
// keyed by counselor, mode, month or day (merged key by key; a key on one side only is kept as is).
// Addition of counts and exact sums is associative and commutative, so this merge is too.
type Tally = number | ExactSum | { [key: string]: Tally };
type TallyRecord = { [key: string]: Tally };

/** Tallies of the same shape (a partial or any part of one) merged into a new one; at least one. */
export function mergeAll<T>(tallies: readonly T[]): T {
  const [first, ...rest] = tallies as unknown as Tally[];
  const merged = copyOf(first!);
  for (const tally of rest) addInto(merged, tally);
  return merged as T;
}

/** Adds b into a, in place; a must be the merge's own copy (copyOf), never a caller's tally. */
function addInto(a: Tally, b: Tally): Tally {
  if (typeof a === 'number') return a + (b as number);
  if (Array.isArray(a)) {
    for (const x of b as ExactSum) addExact(a, x);
    return a;
  }
  const into = a as TallyRecord;
  const from = b as TallyRecord;
  for (const key of Object.keys(from)) put(into, key, Object.hasOwn(into, key) ? addInto(into[key]!, from[key]!) : copyOf(from[key]!));
  return into;
}

function copyOf(t: Tally): Tally {
  if (typeof t === 'number') return t;
  if (Array.isArray(t)) return [...t];
  const copy: TallyRecord = {};
  for (const key of Object.keys(t)) put(copy, key, copyOf(t[key]!));
  return copy;
}

// Keys are counselor ids, and "__proto__" is a valid id: an assignment would set the prototype.
function put(record: TallyRecord, key: string, value: Tally): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

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
//   mergeAll<T>(tallies: readonly T[]): T                              the same on any part of a partial
//   subtractAll<T>(from: T, ...parts: readonly T[]): T                  from − Σ parts, exactly
//   canonicalGroupPartial(p: GroupPartial): GroupPartial                one form per value
//   canonicalPeriodTallies(t: Record<string, PeriodTally>): Record<string, PeriodTally>
//
//   The aggregation keeps each counselor's partial by delta when a summary changes,
//   partial − partialOf([old]) + partialOf([new]), instead of re-reading the counselor's summaries.
//   Exact arithmetic makes the delta's figures those of a recompute, but not its structure: an
//   exact sum has many lists of partials, and subtraction leaves zero entries a recompute never
//   makes. Stored partials go through canonicalGroupPartial, which depends only on the values, so
//   the delta's and the recompute's are deep-equal JSON and a stored partial can be checked
//   against a recompute.
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
// A partial is a value: merging and subtracting copy, never change their arguments and share nothing
// with them.
import { type ExactSum, addExact, canonicalExactSum } from '../stats/exact-sum.js';
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
// Addition of counts and exact sums is associative and commutative, so this merge is too. Both are
// exact, so subtraction undoes addition exactly: a − b + b has the value of a, leaf by leaf.
type Tally = number | ExactSum | { [key: string]: Tally };
type TallyRecord = { [key: string]: Tally };
type Sign = 1 | -1;

/** Tallies of the same shape (a partial or any part of one) merged into a new one; at least one. */
export function mergeAll<T>(tallies: readonly T[]): T {
  const [first, ...rest] = tallies as unknown as Tally[];
  const merged = copyOf(first!);
  for (const tally of rest) addInto(merged, tally, 1);
  return merged as T;
}

/**
 * from − Σ parts, as a new tally of the same shape (a partial, any part of one, or period tallies),
 * for keeping a partial by delta: partial − partialOf([old]) + partialOf([new]). Exact, like the
 * merge; a key only in a part comes out negated, as subtracted from zero. The result's structure
 * can differ from a recompute's (zero entries, other partials of equal exact sums): compare and
 * store it through canonicalGroupPartial.
 */
export function subtractAll<T>(from: T, ...parts: readonly T[]): T {
  const difference = copyOf(from as Tally);
  for (const part of parts) addInto(difference, part as Tally, -1);
  return difference as T;
}

/** Adds sign·b into a, in place; a must be the merge's or subtraction's own copy (copyOf), never a caller's tally. */
function addInto(a: Tally, b: Tally, sign: Sign): Tally {
  if (typeof a === 'number') return a + sign * (b as number);
  if (Array.isArray(a)) {
    // Negating a partial is exact, so the sum stays exact.
    for (const x of b as ExactSum) addExact(a, sign * x);
    return a;
  }
  const into = a as TallyRecord;
  const from = b as TallyRecord;
  for (const key of Object.keys(from)) {
    put(into, key, Object.hasOwn(into, key) ? addInto(into[key]!, from[key]!, sign) : copyOf(from[key]!, sign));
  }
  return into;
}

/** A copy of sign·t (0 + sign·t for a count, so that a zero count never becomes −0). */
function copyOf(t: Tally, sign: Sign = 1): Tally {
  if (typeof t === 'number') return 0 + sign * t;
  if (Array.isArray(t)) return t.map((x) => sign * x);
  const copy: TallyRecord = {};
  for (const key of Object.keys(t)) put(copy, key, copyOf(t[key]!, sign));
  return copy;
}

/**
 * The partial in one form per value, so that a partial kept by delta (subtractAll, mergeAll) and
 * the recompute of the same summaries store deep-equal JSON: exact sums canonical
 * (canonicalExactSum); what a recompute never holds dropped — counselors and months whose every
 * leaf is zero (a counselor with no clients left, a month with no activity left) and histogram
 * days counted zero times; keys of counselors and months sorted (a recompute lists them in the
 * order the summaries came in). Figures read from it are those of the partial: a zero entry adds
 * nothing, and an exact sum reads back its value.
 */
export function canonicalGroupPartial(p: GroupPartial): GroupPartial {
  const counselors: Record<string, CounselorPartial> = {};
  for (const id of Object.keys(p.counselors).sort()) {
    const c = canonicalLeaves(p.counselors[id]!) as CounselorPartial;
    for (const mode of clientModes) c.byEpisodeMode[mode].daysInTreatment = canonicalHistogram(c.byEpisodeMode[mode].daysInTreatment);
    for (const mode of goalModes) c.byGoalMode[mode].daysToAttainment = canonicalHistogram(c.byGoalMode[mode].daysToAttainment);
    if (!isZero(c)) put(counselors, id, c);
  }
  return { counselors, months: canonicalPeriodTallies(p.months) };
}

/** Period tallies (months, weeks) without the all-zero periods, in period order: see canonicalGroupPartial. */
export function canonicalPeriodTallies(tallies: Readonly<Record<string, PeriodTally>>): Record<string, PeriodTally> {
  const canonical: Record<string, PeriodTally> = {};
  for (const period of Object.keys(tallies).sort()) {
    if (!isZero(tallies[period]!)) put(canonical, period, copyOf(tallies[period]!) as PeriodTally);
  }
  return canonical;
}

// No sort needed: days are whole numbers ≥ 0, array-index keys, which an object lists in numeric order.
const canonicalHistogram = (h: Histogram): Histogram => Object.fromEntries(Object.entries(h).filter(([, count]) => count !== 0));

/** A copy with every exact sum in canonical form; records keep their keys and order. */
function canonicalLeaves(t: Tally): Tally {
  if (typeof t === 'number') return t;
  if (Array.isArray(t)) return canonicalExactSum(t);
  const copy: TallyRecord = {};
  for (const key of Object.keys(t)) put(copy, key, canonicalLeaves(t[key]!));
  return copy;
}

// An exact sum is zero exactly when it has no partials: addExact keeps no zero partial, and
// non-overlapping partials cannot cancel.
function isZero(t: Tally): boolean {
  if (typeof t === 'number') return t === 0;
  if (Array.isArray(t)) return t.length === 0;
  return Object.values(t).every(isZero);
}

// Keys are counselor ids, and "__proto__" is a valid id: an assignment would set the prototype.
function put(record: TallyRecord, key: string, value: Tally): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

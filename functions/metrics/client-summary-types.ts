// The per-client summary: everything the group metrics, comparisons and caseload need, folded from
// one client's events. Stored as one DynamoDB item, so it is plain JSON (no undefined, NaN or
// Infinity; absent figures are null) and compact (period activity only for active periods).
import type { EventOf } from '../events/schema.js';
import type { WaiSrScore } from './instrument-scores.js';

export type GoalMode = EventOf<'goal.set'>['mode'];
export type GoalDomain = EventOf<'goal.set'>['domain'];
export type GoalOutcome = EventOf<'goal.closed'>['outcome'];
export type DischargeReason = EventOf<'client.discharged'>['reason'];
/** SPEC §3: collaborative / directive when every goal is of that mode, mixed otherwise, none without goals. */
export type ClientMode = GoalMode | 'mixed' | 'none';

export const goalModes = ['collaborative', 'directive'] as const satisfies readonly GoalMode[];
export const clientModes = ['collaborative', 'directive', 'mixed', 'none'] as const satisfies readonly ClientMode[];

export type ModeCounts = Record<GoalMode, number>;

export type GoalRecord = {
  goalId: string;
  mode: GoalMode;
  domain: GoalDomain;
  weight: number;
  setAt: string;
  reviews: { at: string; level: number }[];
  /** The closing level if the closure gave one, else the latest review level (SPEC §3 xᵢ). */
  latestLevel: number | null;
  closed: { outcome: GoalOutcome; at: string; level: number | null } | null;
  /** Clinic-zone calendar days from goal.set to an `achieved` closure. */
  daysToAttainment: number | null;
};

export type RetentionStatus = { eligible: boolean; retained: boolean };

export type FlagName = 'no_goals' | 'missed_sessions' | 'alliance_risk' | 'stalled_goal' | 'deteriorating';
export type CaseloadFlag = { flag: FlagName; reason: string };

export type PeriodActivity = {
  attended: number;
  noShow: number;
  goalsSet: ModeCounts;
  goalsAchieved: ModeCounts;
};

type Attendance = { attended: number; noShow: number; cancelled: number; rate: number | null };

/** One episode of care and its engagement figures (SPEC §3). */
export type EpisodeSummary = {
  /** Null only for a discharge recorded with no enrolment or attended session before it. */
  start: string | null;
  startSource: 'enrolled' | 'first_attended' | null;
  discharge: { at: string; reason: DischargeReason } | null;
  lastAttendedAt: string | null;
  /** From the goals set during the episode. */
  mode: ClientMode;
  /** The sessions of the episode; cancelled sessions are excluded from the rate. */
  attendance: Attendance;
  retention: { day30: RetentionStatus; day90: RetentionStatus };
  dropout: { droppedOut: boolean; cause: 'dropped_out' | 'lost_to_contact' | null };
  daysInTreatment: number | null;
};

export type ClientSummary = {
  clinicId: string;
  clientId: string;
  /** The counselor of the client's latest event. */
  counselorId: string;
  asOf: string;
  timeZone: string;
  /**
   * Every episode of care in order, the latest last (episodes.ts). Engagement figures count these
   * rows, as TEDS-D counts discharges; the other figures are the client's, over the whole history.
   */
  episodes: EpisodeSummary[];
  /** Over every goal the client was set (SPEC §3); an episode's own mode is in `episodes`. */
  mode: ClientMode;
  goals: GoalRecord[];
  goalTotals: { set: number; closed: number; achieved: number };
  gas: { tScore: number | null; goalsScored: number; goalsWithoutLevel: number };
  alliance: {
    waiSr: (WaiSrScore & { at: string }) | null;
    srsLatest: number | null;
    srsTotals: number[];
    srsMean: number | null;
  };
  outcome: {
    orsFirst: number | null;
    orsLatest: number | null;
    /** Latest − first; null with fewer than two ORS administrations. */
    change: number | null;
    reliableImprovement: boolean;
    recovered: boolean;
  };
  /** Raised only while the latest episode is open (or none began): discharged clients are on no caseload. */
  flags: CaseloadFlag[];
  dataQuality: { unknownGoalEvents: number; sessionsWithoutGoals: boolean; goalsNeverReviewed: number };
  /** Keyed "YYYY-MM" and "YYYY-Www" in the clinic zone; periods without activity are left out. */
  activity: { months: Record<string, PeriodActivity>; weeks: Record<string, PeriodActivity> };
};

// The counselor's caseload (SPEC §3): one row per client in an open episode (or none begun yet),
// with flags and the reason for each; start, last attendance and attendance rate are the current
// episode's, the mode is the client's over every goal. Also the last 26 ISO weeks of trends in
// the clinic zone ending with asOf's week.
//
// Rows and weekly tallies are made per client, so that the aggregation stores a client's row
// beside its state and keeps the counselor's weekly tallies in the counselor's partial, and the
// caseload is put together on read (caseloadOf); `caseload` makes the same from summaries.
import { lastIsoWeeks } from './clinic-calendar.js';
import type { CaseloadFlag, ClientMode, ClientSummary } from './client-summary-types.js';
import { type PeriodTally, type TrendRow, tallyActivity, trendRowsOf } from './activity-trends.js';

const CASELOAD_WEEKS = 26;

export type CaseloadRow = {
  clientId: string;
  counselorId: string;
  mode: ClientMode;
  start: string | null;
  lastAttendedAt: string | null;
  attendanceRate: number | null;
  openGoals: number;
  gasTScore: number | null;
  srsLatest: number | null;
  flags: CaseloadFlag[];
};

export type Caseload = { rows: CaseloadRow[]; weeklyTrends: TrendRow[] };

/** The client's caseload row; null once its latest episode is closed (it is then on no caseload). */
export function caseloadRowOf(s: ClientSummary): CaseloadRow | null {
  const episode = s.episodes.at(-1);
  if (episode?.discharge != null) return null;
  return {
    clientId: s.clientId,
    counselorId: s.counselorId,
    mode: s.mode,
    start: episode?.start ?? null,
    lastAttendedAt: episode?.lastAttendedAt ?? null,
    attendanceRate: episode?.attendance.rate ?? null,
    openGoals: s.goals.filter((g) => !g.closed).length,
    gasTScore: s.gas.tScore,
    srsLatest: s.alliance.srsLatest,
    flags: s.flags,
  };
}

/** The first ISO week the caseload's trends show as of `asOf`: weekly tallies before it are never read. */
export const firstCaseloadWeek = (asOf: string, timeZone: string): string => lastIsoWeeks(asOf, timeZone, CASELOAD_WEEKS)[0]!;

/** Weekly tallies of some clients from `fromWeek` on (ISO week keys sort as strings). */
export function weekTalliesOf(summaries: readonly ClientSummary[], fromWeek: string): Record<string, PeriodTally> {
  const tallies = new Map<string, PeriodTally>();
  for (const s of summaries) tallyActivity(tallies, s.activity.weeks, fromWeek);
  return Object.fromEntries(tallies);
}

/** The caseload from its rows and the counselor's weekly tallies. */
export function caseloadOf(rows: readonly CaseloadRow[], weeks: Readonly<Record<string, PeriodTally>>, asOf: string, timeZone: string): Caseload {
  // Who needs attention first: most flags, then client id for a stable order.
  const sorted = [...rows].sort((x, y) => y.flags.length - x.flags.length || (x.clientId < y.clientId ? -1 : x.clientId > y.clientId ? 1 : 0));
  return { rows: sorted, weeklyTrends: trendRowsOf(weeks, lastIsoWeeks(asOf, timeZone, CASELOAD_WEEKS)) };
}

export function caseload(summaries: readonly ClientSummary[], asOf: string, timeZone: string): Caseload {
  const rows = summaries.map(caseloadRowOf).filter((row): row is CaseloadRow => row !== null);
  return caseloadOf(rows, weekTalliesOf(summaries, firstCaseloadWeek(asOf, timeZone)), asOf, timeZone);
}

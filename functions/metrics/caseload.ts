// The counselor's caseload (SPEC §3): one row per client in an open episode (or none begun yet),
// with flags and the reason for each; start, last attendance and attendance rate are the current
// episode's, the mode is the client's over every goal. Also the last 26 ISO weeks of trends in
// the clinic zone ending with asOf's week.
import { lastIsoWeeks } from './clinic-calendar.js';
import type { CaseloadFlag, ClientMode, ClientSummary } from './client-summary-types.js';
import { type TrendRow, trendRows } from './activity-trends.js';

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

export function caseload(summaries: readonly ClientSummary[], asOf: string, timeZone: string): Caseload {
  const rows = summaries
    .filter((s) => s.episodes.at(-1)?.discharge == null)
    .map((s): CaseloadRow => {
      const episode = s.episodes.at(-1);
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
    })
    // Who needs attention first: most flags, then client id for a stable order.
    .sort((x, y) => y.flags.length - x.flags.length || (x.clientId < y.clientId ? -1 : x.clientId > y.clientId ? 1 : 0));
  return { rows, weeklyTrends: trendRows(summaries, lastIsoWeeks(asOf, timeZone, CASELOAD_WEEKS), (s) => s.activity.weeks) };
}

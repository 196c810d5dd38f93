// Per-period activity for trends (SPEC §3): per calendar month and per ISO week in the clinic zone.
// Only periods with activity are stored, to keep the summary item small.
import { isoWeekKeyOfDay, localDayNumber, monthKeyOfDay } from './clinic-calendar.js';
import type { GoalRecord, PeriodActivity } from './client-summary-types.js';
import type { Session } from './sessions.js';

type Periods = { months: Map<string, PeriodActivity>; weeks: Map<string, PeriodActivity> };

export function periodActivity(
  sessions: readonly Session[],
  goals: readonly GoalRecord[],
  timeZone: string,
): { months: Record<string, PeriodActivity>; weeks: Record<string, PeriodActivity> } {
  const periods: Periods = { months: new Map(), weeks: new Map() };
  for (const s of sessions) {
    if (s.status === 'cancelled') continue;
    const [month, week] = periodsOf(periods, s.at, timeZone);
    if (s.status === 'attended') {
      month.attended += 1;
      week.attended += 1;
    } else {
      month.noShow += 1;
      week.noShow += 1;
    }
  }
  for (const g of goals) {
    const [month, week] = periodsOf(periods, g.setAt, timeZone);
    month.goalsSet[g.mode] += 1;
    week.goalsSet[g.mode] += 1;
    if (g.closed?.outcome !== 'achieved') continue;
    const [closedMonth, closedWeek] = periodsOf(periods, g.closed.at, timeZone);
    closedMonth.goalsAchieved[g.mode] += 1;
    closedWeek.goalsAchieved[g.mode] += 1;
  }
  return { months: sortedRecord(periods.months), weeks: sortedRecord(periods.weeks) };
}

/** The month and the ISO week holding `at`, from one local-day computation. */
function periodsOf(periods: Periods, at: string, timeZone: string): [PeriodActivity, PeriodActivity] {
  const day = localDayNumber(at, timeZone);
  return [activityIn(periods.months, monthKeyOfDay(day)), activityIn(periods.weeks, isoWeekKeyOfDay(day))];
}

function activityIn(periods: Map<string, PeriodActivity>, key: string): PeriodActivity {
  let activity = periods.get(key);
  if (!activity) {
    activity = { attended: 0, noShow: 0, goalsSet: { collaborative: 0, directive: 0 }, goalsAchieved: { collaborative: 0, directive: 0 } };
    periods.set(key, activity);
  }
  return activity;
}

// Keys in period order, so the stored JSON is identical whatever order the events came in.
const sortedRecord = (periods: Map<string, PeriodActivity>): Record<string, PeriodActivity> =>
  Object.fromEntries([...periods].sort(byKey));
const byKey = ([x]: [string, unknown], [y]: [string, unknown]) => (x < y ? -1 : 1);

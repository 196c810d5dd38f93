// Engagement figures of ONE episode (SPEC §3), which the export publishes per episode because
// engagement counts episodes (as TEDS-D counts discharges). Pure; day numbers are clinic-zone days.
import type { Episode } from '../../metrics/episodes.js';
import { episodeStart } from '../../metrics/episodes.js';
import { localDayNumber } from '../../metrics/clinic-calendar.js';
import type { Session } from '../../metrics/sessions.js';
import { ratio } from '../../stats/descriptive.js';

// SPEC §3 constants: 60 days without an attended session is "lost to contact"; completed and
// transferred are the TEDS positive endings that count as retained.
const LOST_TO_CONTACT_DAYS = 60;
const POSITIVE_ENDINGS = new Set(['completed', 'transferred']);

export interface EpisodeFigures {
  startDay: number | null;
  attended: number;
  noShow: number;
  cancelled: number;
  attendanceRate: number | null;
  retained30: boolean | null;
  retained90: boolean | null;
  droppedOut: boolean;
  daysInTreatment: number | null;
  lastAttendedDay: number | null;
  dischargeDay: number | null;
}

export function episodeFigures(episode: Episode, sessions: readonly Session[], asOfDay: number, timeZone: string): EpisodeFigures {
  const day = (iso: string | null) => (iso === null ? null : localDayNumber(iso, timeZone));
  const start = episodeStart(episode);
  const startDay = day(start);
  const lastAttendedDay = day(episode.lastAttendedAt);
  const dischargeDay = day(episode.discharge?.at ?? null);
  let attended = 0;
  let noShow = 0;
  let cancelled = 0;
  for (const s of sessions) {
    if (s.status === 'attended') attended += 1;
    else if (s.status === 'no_show') noShow += 1;
    else cancelled += 1;
  }
  const positiveEnding = POSITIVE_ENDINGS.has(episode.discharge?.reason ?? '');
  // Eligible when start ≤ T − D; retained with an attended session on or after start + D, or a positive ending.
  const retained = (d: number): boolean | null => {
    if (startDay === null || asOfDay - startDay < d) return null;
    return positiveEnding || (lastAttendedDay !== null && lastAttendedDay - startDay >= d);
  };
  const lostToContact = startDay !== null && episode.discharge === null && asOfDay - (lastAttendedDay ?? startDay) >= LOST_TO_CONTACT_DAYS;
  const endDay = dischargeDay ?? lastAttendedDay;
  return {
    startDay,
    attended,
    noShow,
    cancelled,
    attendanceRate: ratio(attended, attended + noShow),
    retained30: retained(30),
    retained90: retained(90),
    droppedOut: episode.discharge?.reason === 'dropped_out' || lostToContact,
    daysInTreatment: startDay !== null && endDay !== null ? Math.max(0, endDay - startDay) : null,
    lastAttendedDay,
    dischargeDay,
  };
}

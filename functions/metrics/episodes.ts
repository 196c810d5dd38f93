// Episodes of care, and the re-enrolment rule.
//
// SPEC §3: a client's start is the `client.enrolled` time, else the first attended session. A
// discharge ends an episode. After a discharge, the next `client.enrolled` or attended session opens
// a new episode (a no-show or cancellation does not: the client did not come back). A second
// discharge with no re-entry in between replaces the first (a correction of the ending). Start,
// discharge, retention, dropout and days in treatment describe the LATEST episode, so a returning
// client counts as in treatment again; goals, measures, attendance and period activity span the
// whole history, because goals and scores carry across a return.
import type { Event } from '../events/schema.js';
import type { DischargeReason } from './client-summary-types.js';
import type { Session } from './sessions.js';

export type Episode = {
  enrolledAt: string | null;
  firstAttendedAt: string | null;
  lastAttendedAt: string | null;
  discharge: { at: string; reason: DischargeReason } | null;
};

/**
 * `timeline` in canonical order (canonicalTimeline) and `sessions` from sessionsOf over it. The
 * steps — enrolments, discharges and attended sessions at their winning record — are taken in
 * timeline order, which is the (occurredAt, id) order the rule is stated in.
 */
export function episodesOf(timeline: readonly Event[], sessions: readonly Session[]): Episode[] {
  const attended = sessions.filter((s) => s.status === 'attended');
  const episodes: Episode[] = [];
  // Attended sessions come in the order of their winning events, so one cursor finds each in turn.
  let next = 0;
  for (const e of timeline) {
    if (e.type === 'client.discharged') {
      (episodes.at(-1) ?? open(episodes)).discharge = { at: e.occurredAt, reason: e.reason };
      continue;
    }
    const isAttended = e.type === 'session.recorded' && attended[next]?.eventId === e.id;
    if (e.type !== 'client.enrolled' && !isAttended) continue;
    const last = episodes.at(-1);
    const current = !last || last.discharge ? open(episodes) : last;
    if (isAttended) {
      current.firstAttendedAt ??= e.occurredAt;
      current.lastAttendedAt = e.occurredAt;
      next += 1;
    } else current.enrolledAt ??= e.occurredAt;
  }
  return episodes;
}

function open(episodes: Episode[]): Episode {
  const episode: Episode = { enrolledAt: null, firstAttendedAt: null, lastAttendedAt: null, discharge: null };
  episodes.push(episode);
  return episode;
}

export const episodeStart = (e: Episode): string | null => e.enrolledAt ?? e.firstAttendedAt;

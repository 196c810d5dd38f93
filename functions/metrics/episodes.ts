// Episodes of care (SPEC §3), and what belongs to each.
//
// An episode opens at a `client.enrolled` event, or at an attended session when no episode is
// open (a first contact, or a return after a discharge); a no-show or cancellation opens none (the
// client did not come back). It ends at its `client.discharged`. A second discharge with no re-entry
// in between replaces the first (a correction of the ending); a discharge with no episode before it
// stands alone as an episode without a start.
//
// Engagement counts episodes, as TEDS-D counts discharges (SAMHSA, Treatment Episode Data Set —
// Discharges: one record per discharge, so a readmitted client is several records). Sessions and
// goals belong to the episode open when they happen. One that happens while none is open (a no-show
// before the intake, a goal recorded a moment before the enrolment, a missed appointment between a
// discharge and a return) belongs to the next episode to open, the treatment it led to; if none
// opens, it belongs to no episode and counts only in the client-level figures.
import type { Event } from '../events/schema.js';
import type { DischargeReason, GoalMode } from './client-summary-types.js';
import type { Session } from './sessions.js';

export type Episode = {
  enrolledAt: string | null;
  firstAttendedAt: string | null;
  lastAttendedAt: string | null;
  discharge: { at: string; reason: DischargeReason } | null;
  sessions: Session[];
  /** The modes of the goals set during the episode (SPEC §3: they give the episode's mode). */
  goalModes: GoalMode[];
};

/**
 * `timeline` in canonical order (canonicalTimeline) and `sessions` from sessionsOf over it. Every
 * step — enrolments, discharges, the first goal.set of each goal id (the one that defines the goal,
 * goals.ts) and each session at its winning record — is taken in timeline order, which is the
 * (occurredAt, id) order the rule is stated in.
 */
export function episodesOf(timeline: readonly Event[], sessions: readonly Session[]): Episode[] {
  const goalsSeen = new Set<string>();
  const episodes: Episode[] = [];
  const pending: Pick<Episode, 'sessions' | 'goalModes'> = { sessions: [], goalModes: [] };
  const current = (): Episode | undefined => {
    const last = episodes.at(-1);
    return last && !last.discharge ? last : undefined;
  };
  const open = (): Episode => {
    const episode: Episode = { enrolledAt: null, firstAttendedAt: null, lastAttendedAt: null, discharge: null, ...take(pending) };
    episodes.push(episode);
    return episode;
  };
  // Sessions come in the order of their winning events, so one cursor finds each in turn.
  let next = 0;
  for (const e of timeline) {
    if (e.type === 'client.discharged') {
      (episodes.at(-1) ?? open()).discharge = { at: e.occurredAt, reason: e.reason };
    } else if (e.type === 'client.enrolled') {
      const episode = current() ?? open();
      episode.enrolledAt ??= e.occurredAt;
    } else if (e.type === 'goal.set' && !goalsSeen.has(e.goalId)) {
      goalsSeen.add(e.goalId);
      (current() ?? pending).goalModes.push(e.mode);
    } else if (e.type === 'session.recorded' && sessions[next]?.eventId === e.id) {
      const session = sessions[next++]!;
      if (session.status !== 'attended') {
        (current() ?? pending).sessions.push(session);
        continue;
      }
      const episode = current() ?? open();
      episode.firstAttendedAt ??= e.occurredAt;
      episode.lastAttendedAt = e.occurredAt;
      episode.sessions.push(session);
    }
  }
  return episodes;
}

function take(pending: Pick<Episode, 'sessions' | 'goalModes'>): Pick<Episode, 'sessions' | 'goalModes'> {
  const taken = { sessions: pending.sessions, goalModes: pending.goalModes };
  pending.sessions = [];
  pending.goalModes = [];
  return taken;
}

export const episodeStart = (e: Episode): string | null => e.enrolledAt ?? e.firstAttendedAt;

// Folds one client's events into a ClientSummary (SPEC §3). Pure: the result depends only on the
// set of events (deduplicated by id, canonical order, nothing after asOf), asOf and the clinic zone.
import type { Event, EventOf } from '../events/schema.js';
import { mean, ratio } from '../stats/descriptive.js';
import { localDayNumber } from './clinic-calendar.js';
import { ORS_RELIABLE_CHANGE, caseloadFlags } from './caseload-flags.js';
import type { ClientMode, ClientSummary, EpisodeSummary, GoalMode, RetentionStatus } from './client-summary-types.js';
import { type Episode, episodeStart, episodesOf } from './episodes.js';
import { canonicalTimeline } from './event-timeline.js';
import { gasTScore } from './gas-t-score.js';
import { goalsOf } from './goals.js';
import { scoreVisualAnalogue, scoreWaiSr } from './instrument-scores.js';
import { periodActivity } from './period-activity.js';
import { sessionsOf } from './sessions.js';

export type SummaryContext = { asOf: string; timeZone: string };

// SPEC §3 constants.
export const LOST_TO_CONTACT_DAYS = 60;
export const RETENTION_DAYS = { day30: 30, day90: 90 } as const;
// SPEC §3: recovered = reliable improvement and first ORS < 25 ≤ latest.
const ORS_CLINICAL_CUTOFF = 25;
// TEDS-D discharge reasons that count as a positive ending for retention.
const POSITIVE_ENDINGS = new Set(['completed', 'transferred']);

/** Throws when no event of the client is at or before asOf: there is nothing to summarise. */
export function summarizeClient(events: readonly Event[], ctx: SummaryContext): ClientSummary {
  const { asOf, timeZone } = ctx;
  const timeline = canonicalTimeline(events, asOf);
  const latest = timeline.at(-1);
  if (!latest) throw new RangeError(`no events at or before ${asOf}`);

  const sessions = sessionsOf(timeline);
  const episodes = episodesOf(timeline, sessions);
  const { goals, unknownGoalEvents } = goalsOf(timeline, timeZone);

  let waiSrEvent: EventOf<'measure.recorded'> | undefined;
  const srsTotals: number[] = [];
  const orsTotals: number[] = [];
  for (const e of timeline) {
    if (e.type !== 'measure.recorded') continue;
    if (e.instrument === 'WAI-SR') waiSrEvent = e;
    else if (e.instrument === 'SRS') srsTotals.push(scoreVisualAnalogue(e.items));
    else if (e.instrument === 'ORS') orsTotals.push(scoreVisualAnalogue(e.items));
  }
  const outcome = orsOutcome(orsTotals);
  const { orsFirst, orsLatest } = outcome;
  const srsLatest = srsTotals.at(-1) ?? null;

  let closed = 0;
  let achieved = 0;
  let neverReviewed = 0;
  const scored: { weight: number; level: number }[] = [];
  for (const g of goals) {
    if (g.closed) closed += 1;
    if (g.closed?.outcome === 'achieved') achieved += 1;
    if (g.reviews.length === 0) neverReviewed += 1;
    if (g.latestLevel !== null) scored.push({ weight: g.weight, level: g.latestLevel });
  }

  const asOfDay = localDayNumber(asOf, timeZone);
  const open = episodes.at(-1)?.discharge == null;

  return {
    clinicId: latest.clinicId,
    clientId: latest.clientId,
    counselorId: latest.counselorId,
    asOf,
    timeZone,
    episodes: episodes.map((e) => episodeSummary(e, asOfDay, timeZone)),
    mode: modeOf(goals.map((g) => g.mode)),
    goals,
    goalTotals: { set: goals.length, closed, achieved },
    gas: {
      tScore: gasTScore(scored),
      goalsScored: scored.length,
      goalsWithoutLevel: goals.length - scored.length,
    },
    alliance: {
      waiSr: waiSrEvent ? { ...scoreWaiSr(waiSrEvent.items), at: waiSrEvent.occurredAt } : null,
      srsLatest,
      srsTotals,
      srsMean: mean(srsTotals),
    },
    outcome,
    flags: open
      ? caseloadFlags({ sessions, goals, srsLatest, orsFirst, orsLatest, orsCount: orsTotals.length, asOfDay, timeZone })
      : [],
    dataQuality: {
      unknownGoalEvents,
      sessionsWithoutGoals: sessions.length > 0 && goals.length === 0,
      goalsNeverReviewed: neverReviewed,
    },
    activity: periodActivity(sessions, goals, timeZone),
  };
}

/** SPEC §3 ORS outcome from a client's ORS totals in time order (the research export's client row too). */
export function orsOutcome(orsTotals: readonly number[]): ClientSummary['outcome'] {
  const orsFirst = orsTotals[0] ?? null;
  const orsLatest = orsTotals.at(-1) ?? null;
  const change = orsTotals.length >= 2 ? Math.round((orsLatest! - orsFirst!) * 10) / 10 : null;
  const reliableImprovement = change !== null && change >= ORS_RELIABLE_CHANGE;
  return {
    orsFirst,
    orsLatest,
    change,
    reliableImprovement,
    recovered: reliableImprovement && orsFirst! < ORS_CLINICAL_CUTOFF && orsLatest! >= ORS_CLINICAL_CUTOFF,
  };
}

/** SPEC §3 engagement figures of one episode, on clinic-zone day numbers (the research export's episode rows too). */
export function episodeSummary(episode: Episode, asOfDay: number, timeZone: string): EpisodeSummary {
  const start = episodeStart(episode);
  let attended = 0;
  let noShow = 0;
  let cancelled = 0;
  for (const s of episode.sessions) {
    if (s.status === 'attended') attended += 1;
    else if (s.status === 'no_show') noShow += 1;
    else cancelled += 1;
  }
  const startDay = start === null ? null : localDayNumber(start, timeZone);
  // "An attended session on or after start + D" holds for some session iff it holds for the last one.
  const lastAttendedDay = episode.lastAttendedAt === null ? -Infinity : localDayNumber(episode.lastAttendedAt, timeZone);
  const positiveEnding = POSITIVE_ENDINGS.has(episode.discharge?.reason ?? '');
  const lastContactDay = episode.lastAttendedAt === null ? startDay : lastAttendedDay;
  const lostToContact = lastContactDay !== null && episode.discharge === null && asOfDay - lastContactDay >= LOST_TO_CONTACT_DAYS;
  const treatmentEnd = episode.discharge?.at ?? episode.lastAttendedAt;
  return {
    start,
    startSource: episode.enrolledAt ? 'enrolled' : episode.firstAttendedAt ? 'first_attended' : null,
    discharge: episode.discharge,
    lastAttendedAt: episode.lastAttendedAt,
    mode: modeOf(episode.goalModes),
    attendance: { attended, noShow, cancelled, rate: ratio(attended, attended + noShow) },
    retention: {
      day30: retention(RETENTION_DAYS.day30, startDay, asOfDay, lastAttendedDay, positiveEnding),
      day90: retention(RETENTION_DAYS.day90, startDay, asOfDay, lastAttendedDay, positiveEnding),
    },
    dropout:
      episode.discharge?.reason === 'dropped_out'
        ? { droppedOut: true, cause: 'dropped_out' }
        : lostToContact
          ? { droppedOut: true, cause: 'lost_to_contact' }
          : { droppedOut: false, cause: null },
    daysInTreatment: startDay !== null && treatmentEnd ? Math.max(0, localDayNumber(treatmentEnd, timeZone) - startDay) : null,
  };
}

/** SPEC §3 retention at day d, from clinic-zone day numbers (lastAttendedDay is -Infinity without one). */
function retention(d: number, startDay: number | null, asOfDay: number, lastAttendedDay: number, positiveEnding: boolean): RetentionStatus {
  const eligible = startDay !== null && asOfDay - startDay >= d;
  return { eligible, retained: eligible && (positiveEnding || lastAttendedDay - startDay >= d) };
}

/** SPEC §3: collaborative / directive when every goal is of that mode, mixed otherwise, none without goals. */
export function modeOf(modes: readonly GoalMode[]): ClientMode {
  let collaborative = false;
  let directive = false;
  for (const m of modes) {
    if (m === 'collaborative') collaborative = true;
    else directive = true;
  }
  return collaborative ? (directive ? 'mixed' : 'collaborative') : directive ? 'directive' : 'none';
}

// One client's events → its rows in the five safe_harbor tables (SPEC §3 figures, SPEC §7 rules):
// no identifier (the caller supplies the random study id and codes), no date finer than the year
// (every time becomes whole clinic-zone days since the client's start), birth year only as an age
// band. Built from the metrics engine's folds, so the figures are the dashboard's figures.
import type { Event, EventOf } from '../../events/schema.js';
import { dateOfDay, localDayNumber } from '../../metrics/clinic-calendar.js';
import { SRS_ALLIANCE_THRESHOLD } from '../../metrics/caseload-flags.js';
import { episodeStart, episodesOf } from '../../metrics/episodes.js';
import { episodeSummary, modeOf, orsOutcome } from '../../metrics/client-summary.js';
import { canonicalTimeline } from '../../metrics/event-timeline.js';
import { gasTScore } from '../../metrics/gas-t-score.js';
import { goalsOf } from '../../metrics/goals.js';
import { parseInstant } from '../../metrics/instant.js';
import { scoreVisualAnalogue, scoreWaiSr } from '../../metrics/instrument-scores.js';
import { sessionsOf } from '../../metrics/sessions.js';
import { mean, ratio } from '../../stats/descriptive.js';
import type { Row } from '../table-spec.js';
import { ageBand, type QuasiIdentifiers } from './quasi-identifiers.js';

export interface ClientContext {
  asOf: string;
  timeZone: string;
  studyId: string;
  clinicCode: string;
  counselorCode: (counselorId: string) => string;
  /** Inclusive clinic-zone day numbers bounding the client's start (the export's from/to). */
  startBetween?: { from?: number; to?: number };
}

export interface ClientRows {
  quasiIdentifiers: QuasiIdentifiers;
  /** The clients row without its quasi-identifier columns, which k-anonymity fills in. */
  client: Row;
  episodes: Row[];
  goals: Row[];
  sessions: Row[];
  measures: Row[];
}

/** Undefined when the client has no event at or before asOf, or starts outside the requested range. */
export function clientRows(events: readonly Event[], ctx: ClientContext): ClientRows | undefined {
  const { timeZone, studyId } = ctx;
  const timeline = canonicalTimeline(events, ctx.asOf);
  if (timeline.length === 0) return undefined;
  const sessions = sessionsOf(timeline);
  const episodes = episodesOf(timeline, sessions);
  const starts = episodes.map((e) => episodeStart(e));
  const clientStart = starts.find((s) => s !== null) ?? timeline[0]!.occurredAt;
  const startDay = localDayNumber(clientStart, timeZone);
  const { from = -Infinity, to = Infinity } = ctx.startBetween ?? {};
  if (startDay < from || startDay > to) return undefined;

  const dayOf = (iso: string) => localDayNumber(iso, timeZone) - startDay;
  const startMs = starts.map((s) => (s === null ? null : parseInstant(s)));
  /** The latest episode started at or before the instant; episode 1 before any start. */
  const episodeAt = (iso: string): number | null => {
    if (episodes.length === 0) return null;
    const ms = parseInstant(iso);
    let number = 1;
    startMs.forEach((s, i) => {
      if (s !== null && s <= ms) number = i + 1;
    });
    return number;
  };

  const { goals } = goalsOf(timeline, timeZone);
  const goalEpisodes = goals.map((g) => episodeAt(g.setAt));
  // A session belongs to the episode the engine files it under (episodes.ts), so the sessions table
  // and the episode rows count the same sessions; one after a last discharge belongs to none.
  const sessionEpisode = new Map(episodes.flatMap((e, i) => e.sessions.map((s) => [s.eventId, i + 1] as const)));
  const sessionEpisodes = sessions.map((s) => sessionEpisode.get(s.eventId) ?? null);
  const asOfDay = localDayNumber(ctx.asOf, timeZone);
  // The engagement figures are the engine's, episode by episode: the dashboard's figures.
  const episodeRows = episodes.map((episode, i): Row => {
    const f = episodeSummary(episode, asOfDay, timeZone);
    const rel = (iso: string | null) => (iso === null ? null : dayOf(iso));
    const retained = (r: { eligible: boolean; retained: boolean }) => (r.eligible ? r.retained : null);
    return {
      study_id: studyId,
      episode: i + 1,
      start_day: rel(f.start),
      start_source: f.startSource,
      mode: f.mode,
      attended: f.attendance.attended,
      no_show: f.attendance.noShow,
      cancelled: f.attendance.cancelled,
      attendance_rate: f.attendance.rate,
      retained_30: retained(f.retention.day30),
      retained_90: retained(f.retention.day90),
      dropped_out: f.dropout.droppedOut,
      days_in_treatment: f.daysInTreatment,
      last_attended_day: rel(f.lastAttendedAt),
      discharge_day: rel(f.discharge?.at ?? null),
      discharge_reason: f.discharge?.reason ?? null,
    };
  });

  const goalRows = goals.map((g, i): Row => ({
    study_id: studyId,
    episode: goalEpisodes[i]!,
    goal_number: i + 1,
    mode: g.mode,
    domain: g.domain,
    weight: g.weight,
    set_day: dayOf(g.setAt),
    reviews: g.reviews.length,
    latest_level: g.latestLevel,
    outcome: g.closed?.outcome ?? null,
    closed_day: g.closed ? dayOf(g.closed.at) : null,
    days_to_attainment: g.daysToAttainment,
  }));

  // Each session's winning record carries its modality and counselor.
  const sessionEvents = new Map<string, EventOf<'session.recorded'>>();
  for (const e of timeline) if (e.type === 'session.recorded') sessionEvents.set(e.id, e);
  const sessionRows = sessions.map((s, i): Row => {
    const event = sessionEvents.get(s.eventId)!;
    return {
      study_id: studyId,
      episode: sessionEpisodes[i]!,
      day: dayOf(s.at),
      status: s.status,
      modality: event.modality ?? null,
      counselor_code: ctx.counselorCode(event.counselorId),
    };
  });

  const measureRows: Row[] = [];
  const srs: number[] = [];
  const ors: number[] = [];
  let waiSr: ReturnType<typeof scoreWaiSr> | null = null;
  let enrolled: EventOf<'client.enrolled'> | undefined;
  for (const e of timeline) {
    if (e.type === 'client.enrolled') enrolled ??= e;
    if (e.type !== 'measure.recorded') continue;
    const wai = e.instrument === 'WAI-SR' ? scoreWaiSr(e.items) : null;
    const total = wai ? wai.total : scoreVisualAnalogue(e.items);
    if (wai) waiSr = wai;
    else (e.instrument === 'SRS' ? srs : ors).push(total);
    measureRows.push({
      study_id: studyId,
      episode: episodeAt(e.occurredAt),
      day: dayOf(e.occurredAt),
      instrument: e.instrument,
      total,
      wai_sr_goal: wai?.goal ?? null,
      wai_sr_task: wai?.task ?? null,
      wai_sr_bond: wai?.bond ?? null,
    });
  }

  // occurredAt is RFC 3339 and not before 2000 (events/schema.ts): the date starts with a 4-digit year.
  const enrollmentYear = Number(dateOfDay(startDay).slice(0, 4));
  const outcome = orsOutcome(ors);
  const scored = goals.flatMap((g) => (g.latestLevel === null ? [] : [{ weight: g.weight, level: g.latestLevel }]));
  return {
    quasiIdentifiers: {
      ageBand: ageBand(enrolled?.birthYear, enrollmentYear),
      gender: enrolled?.gender ?? 'unknown',
      primarySubstance: enrolled?.primarySubstance ?? 'unknown',
      enrollmentYear,
    },
    client: {
      study_id: studyId,
      clinic_code: ctx.clinicCode,
      counselor_code: ctx.counselorCode(timeline.at(-1)!.counselorId),
      referral: enrolled?.referral ?? null,
      episodes: episodes.length,
      mode: modeOf(goals.map((g) => g.mode)),
      goals_set: goals.length,
      goals_closed: goals.filter((g) => g.closed).length,
      goals_achieved: goals.filter((g) => g.closed?.outcome === 'achieved').length,
      gas_t_score: gasTScore(scored),
      wai_sr_total: waiSr?.total ?? null,
      wai_sr_goal: waiSr?.goal ?? null,
      wai_sr_task: waiSr?.task ?? null,
      wai_sr_bond: waiSr?.bond ?? null,
      srs_latest: srs.at(-1) ?? null,
      srs_mean: mean(srs),
      srs_below_36_share: ratio(srs.filter((t) => t < SRS_ALLIANCE_THRESHOLD).length, srs.length),
      ors_first: outcome.orsFirst,
      ors_latest: outcome.orsLatest,
      ors_change: outcome.change,
      reliable_improvement: outcome.reliableImprovement,
      recovered: outcome.recovered,
    },
    episodes: episodeRows,
    goals: goalRows,
    sessions: sessionRows,
    measures: measureRows,
  };
}

// The safe_harbor profile's tables (SPEC §3 figures, SPEC §7 de-identification). Engagement figures
// count episodes, as TEDS-D counts discharges (SPEC §3), so they live in `episodes`, one row per
// episode; client-level figures (GAS T, alliance, outcome) in `clients`; the event-level facts in
// `goals`, `sessions` and `measures`. Every time is whole clinic-zone days since the client's start.
import { dischargeReasons, genders, goalDomains, goalOutcomes, modalities, referrals, sessionStatuses, substances } from '../../events/schema.js';
import { instruments } from '../../events/instruments.js';
import type { Column, TableSpec } from '../table-spec.js';
import { AGE_BANDS, GENERALISED, WIDE_AGE_BANDS } from './quasi-identifiers.js';

const MODES = ['collaborative', 'directive'] as const;
const EPISODE_MODES = ['collaborative', 'directive', 'mixed', 'none'] as const;
const DAY = 'days since the client’s start';

const studyId: Column = { name: 'study_id', type: 'string', derivation: 'Random per export (P + 16 letters); never derived from the source id. Joins the tables.' };
const episode: Column = {
  name: 'episode',
  type: 'integer',
  derivation: 'Episode of care (1 = first), SPEC §3: an episode starts at client.enrolled or at the first attended session with none open, and ends at its discharge. Goals and measures before the first start belong to episode 1; a session belongs to the episode the metrics engine counts it in (a no-show between a discharge and a return counts in the next episode, one after a last discharge in none: empty).',
};
const counselorCode: Column = { name: 'counselor_code', type: 'string', derivation: 'Random per export (K + 8 letters); never derived from the counselor id.' };
const day = (name: string, what: string): Column => ({ name, type: 'integer', unit: 'days', derivation: `${what}, in whole ${DAY} (clinic time zone; negative if before it). Empty when there is none.` });

export const clientsTable: TableSpec = {
  name: 'clients',
  description: 'One row per client: quasi-identifiers after k-anonymity (k = 11) and client-level figures over the whole history.',
  columns: [
    studyId,
    { name: 'clinic_code', type: 'string', derivation: 'Random per export (C + 8 letters); never derived from the clinic id.' },
    { ...counselorCode, derivation: `${counselorCode.derivation} The counselor of the client’s latest event.` },
    { name: 'enrollment_year', type: 'integer', unit: 'year', derivation: 'Calendar year of the client’s start (first episode), clinic time zone. The only calendar figure in the export.' },
    {
      name: 'age_band',
      type: 'string',
      values: [...AGE_BANDS, ...WIDE_AGE_BANDS, GENERALISED, 'unknown'],
      derivation: `Enrollment year − birth year, banded; 90 and over is one band (45 CFR 164.514(b)(2)). Widened to ${WIDE_AGE_BANDS.join(', ')} or "${GENERALISED}" where needed for k-anonymity.`,
    },
    { name: 'gender', type: 'string', values: [...genders, GENERALISED], derivation: `From client.enrolled; "${GENERALISED}" where dropped for k-anonymity.` },
    { name: 'primary_substance', type: 'string', values: substances, derivation: 'From client.enrolled; merged into "other" where needed for k-anonymity.' },
    { name: 'referral', type: 'string', values: referrals, derivation: 'From the first client.enrolled.' },
    { name: 'episodes', type: 'integer', derivation: 'Number of episodes of care (rows in `episodes`).' },
    { name: 'mode', type: 'string', values: EPISODE_MODES, derivation: 'Goal-setting mode over all goals: collaborative/directive if every goal is, mixed otherwise, none without goals (SPEC §3).' },
    { name: 'goals_set', type: 'integer', derivation: 'Goals set (goal.set).' },
    { name: 'goals_closed', type: 'integer', derivation: 'Goals closed (goal.closed).' },
    { name: 'goals_achieved', type: 'integer', derivation: 'Goals closed as achieved.' },
    { name: 'gas_t_score', type: 'double', unit: 'T score', derivation: 'Kiresuk & Sherman 1968: T = 50 + 10·Σwx / √((1−ρ)Σw² + ρ(Σw)²), ρ = 0.3, x = latest level of each goal, w its weight.' },
    { name: 'wai_sr_total', type: 'double', unit: 'points (12–60)', derivation: 'Latest WAI-SR total (Hatcher & Gillaspy 2006).' },
    { name: 'wai_sr_goal', type: 'double', unit: 'points (4–20)', derivation: 'Latest WAI-SR Goal subscale.' },
    { name: 'wai_sr_task', type: 'double', unit: 'points (4–20)', derivation: 'Latest WAI-SR Task subscale.' },
    { name: 'wai_sr_bond', type: 'double', unit: 'points (4–20)', derivation: 'Latest WAI-SR Bond subscale.' },
    { name: 'srs_latest', type: 'double', unit: 'points (0–40)', derivation: 'Latest SRS total.' },
    { name: 'srs_mean', type: 'double', unit: 'points (0–40)', derivation: 'Mean of all SRS totals.' },
    { name: 'srs_below_36_share', type: 'double', unit: 'proportion', derivation: 'Share of SRS totals below 36 (alliance risk cut-off).' },
    { name: 'ors_first', type: 'double', unit: 'points (0–40)', derivation: 'First ORS total.' },
    { name: 'ors_latest', type: 'double', unit: 'points (0–40)', derivation: 'Latest ORS total.' },
    { name: 'ors_change', type: 'double', unit: 'points', derivation: 'Latest − first ORS; empty with fewer than two ORS.' },
    { name: 'reliable_improvement', type: 'boolean', derivation: 'ORS change ≥ +5.' },
    { name: 'recovered', type: 'boolean', derivation: 'Reliable improvement and first ORS < 25 ≤ latest ORS.' },
  ],
};

export const episodesTable: TableSpec = {
  name: 'episodes',
  description: 'One row per episode of care: the engagement figures (SPEC §3), which count episodes.',
  columns: [
    studyId,
    episode,
    day('start_day', 'Start of the episode'),
    { name: 'start_source', type: 'string', values: ['enrolled', 'first_attended'], derivation: 'Whether the episode started at client.enrolled or at the first attended session.' },
    { name: 'mode', type: 'string', values: EPISODE_MODES, derivation: 'Goal-setting mode of the goals set during this episode (SPEC §3).' },
    { name: 'attended', type: 'integer', derivation: 'Attended sessions in the episode.' },
    { name: 'no_show', type: 'integer', derivation: 'No-show sessions in the episode.' },
    { name: 'cancelled', type: 'integer', derivation: 'Cancelled sessions in the episode.' },
    { name: 'attendance_rate', type: 'double', unit: 'proportion', derivation: 'attended ÷ (attended + no_show); cancelled excluded (SPEC §3).' },
    { name: 'retained_30', type: 'boolean', derivation: 'SPEC §3: eligible when start ≤ T − 30 days (else empty); retained with an attended session on or after day 30 of the episode, or a completed/transferred discharge.' },
    { name: 'retained_90', type: 'boolean', derivation: 'As retained_30, at day 90.' },
    { name: 'dropped_out', type: 'boolean', derivation: 'SPEC §3: discharged dropped_out, or no attended session for 60 days while not discharged.' },
    day('days_in_treatment', '(Discharge, else last attended session) − start, as a duration'),
    day('last_attended_day', 'Last attended session of the episode'),
    day('discharge_day', 'Discharge'),
    { name: 'discharge_reason', type: 'string', values: dischargeReasons, derivation: 'SAMHSA TEDS-D discharge reason; empty while the episode is open.' },
  ],
};

export const goalsTable: TableSpec = {
  name: 'goals',
  description: 'One row per goal (goal level: each goal counts under its own mode).',
  columns: [
    studyId,
    episode,
    { name: 'goal_number', type: 'integer', derivation: 'Order in which the client’s goals were set (1 = first).' },
    { name: 'mode', type: 'string', values: MODES, derivation: 'collaborative (mutually set) or directive (counselor-set).' },
    { name: 'domain', type: 'string', values: goalDomains, derivation: 'From goal.set.' },
    { name: 'weight', type: 'integer', derivation: 'GAS weight, 1–3.' },
    day('set_day', 'goal.set'),
    { name: 'reviews', type: 'integer', derivation: 'Number of goal.reviewed events.' },
    { name: 'latest_level', type: 'integer', unit: 'GAS level (−2…+2)', derivation: 'Closing level if given, else latest review level (SPEC §3).' },
    { name: 'outcome', type: 'string', values: goalOutcomes, derivation: 'From goal.closed; empty while open.' },
    day('closed_day', 'goal.closed'),
    { name: 'days_to_attainment', type: 'integer', unit: 'days', derivation: 'Days from goal.set to an achieved closure; empty otherwise.' },
  ],
};

export const sessionsTable: TableSpec = {
  name: 'sessions',
  description: 'One row per session (a later record of the same session corrects it, SPEC §2).',
  columns: [
    studyId,
    episode,
    day('day', 'The session'),
    { name: 'status', type: 'string', values: sessionStatuses, derivation: 'attended, no_show or cancelled.' },
    { name: 'modality', type: 'string', values: modalities, derivation: 'From session.recorded; empty when not given.' },
    { ...counselorCode, derivation: `${counselorCode.derivation} The counselor of the session.` },
  ],
};

export const measuresTable: TableSpec = {
  name: 'measures',
  description: 'One row per questionnaire administration: scores only, never items (the instruments are licensed, SPEC §4).',
  columns: [
    studyId,
    episode,
    day('day', 'The administration'),
    { name: 'instrument', type: 'string', values: instruments, derivation: 'WAI-SR, SRS or ORS.' },
    { name: 'total', type: 'double', unit: 'points', derivation: 'Total computed by the platform from the items (SPEC §4).' },
    { name: 'wai_sr_goal', type: 'double', unit: 'points', derivation: 'WAI-SR Goal subscale; empty for other instruments.' },
    { name: 'wai_sr_task', type: 'double', unit: 'points', derivation: 'WAI-SR Task subscale; empty for other instruments.' },
    { name: 'wai_sr_bond', type: 'double', unit: 'points', derivation: 'WAI-SR Bond subscale; empty for other instruments.' },
  ],
};

export const safeHarborTables = [clientsTable, episodesTable, goalsTable, sessionsTable, measuresTable] as const;

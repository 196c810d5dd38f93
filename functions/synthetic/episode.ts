// One treatment episode of one client: enrolment, weekly sessions in the clinic's working hours,
// goals, measures, and how it ends (completed, dropped out, lost to contact, still in treatment).
import type { dischargeReasons, modalities } from '../events/schema.js';
import type { ClientTraits } from './client-traits.js';
import { closeOpenGoals, planGoals, progressGoals } from './goals.js';
import { EpisodeMeasures } from './measures.js';
import type { PlannedClinic, PlannedCounselor } from './network-plan.js';
import { logistic, type Random } from './random.js';
import type { StoryWriter } from './story-writer.js';

const DAY_MS = 86_400_000;
type DischargeReason = (typeof dischargeReasons)[number];
type Modality = (typeof modalities)[number];

// Log-odds of attending a session and of dropping out after one. Collaborative goals (share of
// the client's goals) lift engagement modestly, in line with the r ≈ .24–.29 of SPEC §1;
// prognosis (case mix) moves it too, which is what confounds pooled comparisons.
const ATTENDANCE = { base: 1.3, perPrognosis: 0.35, perCollaborative: 0.6 };
const DROPOUT = { base: -3.8, perPrognosis: -0.4, perCollaborative: -0.6 };
const CANCELLED_SHARE = 0.07;
// Each no-show in a row makes the next week's dropout likelier.
const DROPOUT_PER_NO_SHOW = 0.06;

// TEDS-D endings after a full course, and after a client stops coming (none = lost to contact).
const courseEndings = (traits: ClientTraits): Record<DischargeReason, number> => ({
  completed: 0.72,
  transferred: 0.13,
  terminated: 0.04,
  incarcerated: traits.referral === 'mandated' ? 0.07 : 0.02,
  other: 0.04,
  dropped_out: 0,
});
const dropoutEndings: Record<DischargeReason | 'none', number> = {
  dropped_out: 0.58, incarcerated: 0.03, terminated: 0.02, other: 0.02, none: 0.35,
  completed: 0, transferred: 0,
};
const modalityWeights: Record<Modality, number> = { individual: 0.6, group: 0.25, telehealth: 0.15 };

export interface EpisodeSetting {
  rng: Random;
  writer: StoryWriter;
  traits: ClientTraits;
  clinic: PlannedClinic;
  asOfMs: number;
}

/** Simulates an episode from `startMs`; returns when the client was discharged, if they were. */
export function runEpisode(
  { rng, writer, traits, clinic, asOfMs }: EpisodeSetting,
  counselor: PlannedCounselor,
  startMs: number,
  recordEnrollment: boolean,
): number | undefined {
  const { clock, profile } = clinic;
  writer.counselorId = counselor.counselorId;
  if (recordEnrollment) {
    const { gender, substance: primarySubstance, referral, birthYear } = traits;
    writer.add(startMs, birthYear === undefined
      ? { type: 'client.enrolled', gender, primarySubstance, referral }
      : { type: 'client.enrolled', birthYear, gender, primarySubstance, referral });
  }

  const goals = planGoals(rng, writer, traits, profile, counselor);
  const collaborativeShare = goals.length === 0 ? 0 : goals.filter((g) => g.mode === 'collaborative').length / goals.length;
  const engagement = (c: typeof ATTENDANCE) => c.base + c.perPrognosis * traits.prognosis + c.perCollaborative * collaborativeShare;
  const attendance = logistic(engagement(ATTENDANCE));
  const dropoutHazard = logistic(engagement(DROPOUT));
  const plannedVisits = rng.int(8, 26);
  const usualModality = rng.weighted(modalityWeights);
  const usualMinute = rng.int(16, 34) * 30; // a regular slot between 08:00 and 17:00 local
  const measures = new EpisodeMeasures(rng, traits, collaborativeShare);

  let ms = clock.workdayAt(startMs + rng.int(1, 6) * DAY_MS, usualMinute);
  let visits = 0;
  let noShowsInRow = 0;
  let lastVisitMs = startMs;
  let ending: 'course' | 'dropout' | undefined;
  while (ms <= asOfMs) {
    const status = rng.chance(CANCELLED_SHARE) ? 'cancelled' : rng.chance(attendance) ? 'attended' : 'no_show';
    const modality = rng.chance(0.9) ? usualModality : rng.weighted(modalityWeights);
    writer.add(ms, rng.chance(0.05)
      ? { type: 'session.recorded', sessionId: writer.nextSessionId(), status }
      : { type: 'session.recorded', sessionId: writer.nextSessionId(), status, modality });
    if (status === 'attended') {
      visits++;
      noShowsInRow = 0;
      lastVisitMs = ms;
      // PCOMS order: ORS at the start of a session, goals during it, SRS at the end.
      if (visits === 1 || rng.chance(0.85)) writer.add(ms + 60_000, { type: 'measure.recorded', instrument: 'ORS', items: measures.ors(visits) });
      progressGoals(rng, writer, goals, visits, ms + 30 * 60_000);
      if (visits === 3 || (visits > 3 && (visits - 3) % 8 === 0)) {
        writer.add(ms + 45 * 60_000, { type: 'measure.recorded', instrument: 'WAI-SR', items: measures.waiSr() });
      }
      if (rng.chance(0.8)) writer.add(ms + 50 * 60_000, { type: 'measure.recorded', instrument: 'SRS', items: measures.srs(visits) });
    } else if (status === 'no_show') {
      noShowsInRow++;
    }
    if (visits >= plannedVisits) {
      ending = 'course';
      break;
    }
    if (rng.chance(dropoutHazard + DROPOUT_PER_NO_SHOW * noShowsInRow)) {
      ending = 'dropout';
      break;
    }
    const gapDays = (rng.chance(0.15) ? 14 : 7) + rng.int(-1, 1);
    ms = clock.workdayAt(ms + gapDays * DAY_MS, usualMinute);
  }
  if (ending === undefined) return undefined; // still in treatment at as-of

  const reason = ending === 'course' ? rng.weighted(courseEndings(traits)) : rng.weighted(dropoutEndings);
  if (reason === 'none') return undefined; // lost to contact: nobody records a discharge
  // A dropout is noticed, and discharged, weeks after the last visit.
  const delayDays = ending === 'course' ? rng.int(0, 3) : rng.int(30, 75);
  const dischargedMs = clock.workdayAt(lastVisitMs + delayDays * DAY_MS, usualMinute + 60);
  if (dischargedMs > asOfMs) return undefined;
  closeOpenGoals(rng, writer, goals, reason === 'completed' || reason === 'transferred', dischargedMs);
  writer.add(dischargedMs, { type: 'client.discharged', reason });
  return dischargedMs;
}

// One client's whole year: one episode, sometimes a discharge and a return (re-enrolment).
import { drawClientTraits } from './client-traits.js';
import { runEpisode } from './episode.js';
import type { NetworkPlan } from './network-plan.js';
import { Random, mixSeed } from './random.js';
import { StoryWriter, type ClientEvents } from './story-writer.js';

const DAY_MS = 86_400_000;
const READMISSION_SHARE = 0.12;
const MAX_EPISODES = 3;
// Some clinic systems start a record at the first session without an enrolment (SPEC §3 "start").
const MISSING_ENROLLMENT_SHARE = 0.02;

/** The events of client number `clientNumber`; depends only on the plan's seed and that number. */
export function tellClientStory(plan: NetworkPlan, clientNumber: number): ClientEvents {
  const rng = new Random(mixSeed(plan.seed, clientNumber));
  const clinic = plan.clinics[Number(rng.weighted(plan.clinicShares))]!;
  const clientId = `c${String(clientNumber).padStart(6, '0')}`;
  const writer = new StoryWriter(clinic.profile.clinicId, clientId, clinic.clock, plan.asOfMs);
  const traits = drawClientTraits(rng, clinic.profile, new Date(plan.asOfMs).getUTCFullYear());
  const setting = { rng, writer, traits, clinic, asOfMs: plan.asOfMs };

  const firstDay = plan.windowStartMs + rng.next() * (plan.asOfMs - plan.windowStartMs - 3 * DAY_MS);
  let startMs = clinic.clock.workdayAt(firstDay, rng.int(16, 33) * 30);
  for (let episode = 0; episode < MAX_EPISODES; episode++) {
    const counselor = rng.pick(clinic.counselors);
    const recordEnrollment = episode > 0 || !rng.chance(MISSING_ENROLLMENT_SHARE);
    const dischargedMs = runEpisode(setting, counselor, startMs, recordEnrollment);
    if (dischargedMs === undefined || !rng.chance(READMISSION_SHARE)) break;
    startMs = clinic.clock.workdayAt(dischargedMs + rng.int(30, 120) * DAY_MS, rng.int(16, 33) * 30);
    if (startMs > plan.asOfMs - 14 * DAY_MS) break;
  }
  return writer.finish();
}

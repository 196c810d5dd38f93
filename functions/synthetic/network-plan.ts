// The fixed part of a synthetic network: clinics, their counselors and each counselor's habit of
// setting goals collaboratively. Clients are drawn later, one at a time, against this plan.
import { ClinicClock } from './clinic-clock.js';
import { profilesFor, type ClinicProfile } from './clinic-profiles.js';
import { Random, logistic, mixSeed } from './random.js';

export interface NetworkOptions {
  clients: number;
  seed: number;
  /** ISO timestamp; no event happens after it, and events cover the year before it. */
  asOf: string;
  /** Default 3; the first three clinics carry the Simpson's-paradox case mix. */
  clinics?: number;
}

export interface PlannedCounselor {
  counselorId: string;
  clinicId: string;
  /** Probability that this counselor sets a given goal collaboratively. */
  collaborativeShare: number;
}

export interface PlannedClinic {
  profile: ClinicProfile;
  clock: ClinicClock;
  counselors: PlannedCounselor[];
}

export interface NetworkPlan {
  seed: number;
  clients: number;
  asOfMs: number;
  windowStartMs: number;
  clinics: PlannedClinic[];
  /** Clinic sizes keyed by clinic index, for drawing which clinic a client attends. */
  clinicShares: Record<string, number>;
}

const YEAR_MS = 365 * 86_400_000;
// A counselor's caseload over a year; more clients mean more counselors, not bigger caseloads.
const CLIENTS_PER_COUNSELOR = 50;
const MIN_COUNSELORS_PER_CLINIC = 4;
// Spread of counselors' collaborative habit around their clinic's lean, in log-odds.
const COUNSELOR_SPREAD = 1.1;

export function planNetwork(options: NetworkOptions): NetworkPlan {
  const { clients, seed, asOf } = options;
  const clinicCount = options.clinics ?? 3;
  if (!Number.isInteger(clients) || clients < 1) throw new RangeError('clients must be a positive integer');
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (!Number.isInteger(clinicCount) || clinicCount < 1) throw new RangeError('clinics must be a positive integer');
  const asOfMs = Date.parse(asOf);
  if (Number.isNaN(asOfMs)) throw new RangeError(`asOf is not an ISO timestamp: ${asOf}`);

  const profiles = profilesFor(clinicCount);
  const totalSize = profiles.reduce((sum, p) => sum + p.size, 0);
  const rng = new Random(mixSeed(seed, 0x0c0de));
  const clinics = profiles.map((profile): PlannedClinic => {
    const expectedClients = (clients * profile.size) / totalSize;
    const n = Math.max(MIN_COUNSELORS_PER_CLINIC, Math.round(expectedClients / CLIENTS_PER_COUNSELOR));
    // Evenly spread habits, shuffled, so every clinic has both more and less collaborative counselors.
    const leans = rng.shuffle(
      Array.from({ length: n }, (_, i) => profile.collaborativeLean + COUNSELOR_SPREAD * (2 * i / (n - 1) - 1) + rng.normal(0, 0.2)),
    );
    const counselors = leans.map((lean, i) => ({
      counselorId: `${profile.clinicId}.co${String(i + 1).padStart(3, '0')}`,
      clinicId: profile.clinicId,
      collaborativeShare: logistic(lean),
    }));
    return { profile, clock: new ClinicClock(profile.timeZone), counselors };
  });

  return {
    seed,
    clients,
    asOfMs,
    windowStartMs: asOfMs - YEAR_MS,
    clinics,
    clinicShares: Object.fromEntries(profiles.map((p, i) => [String(i), p.size])),
  };
}

// The clinics of the demo network. Their case mix and habits are chosen so the network shows the
// confounding SPEC §5 warns about: the clinic with the hardest case mix (mandated referrals,
// opioids) has the lowest baseline goal attainment AND sets collaborative goals most often, the
// clinic with the easiest case mix mostly sets directive goals. Pooled across clinics the
// collaborative advantage shrinks; stratified by clinic (Mantel–Haenszel) it shows.
import type { referrals, substances } from '../events/schema.js';

type Weights<K extends string> = Record<K, number>;

export interface ClinicProfile {
  clinicId: string;
  label: string;
  timeZone: string;
  /** Relative share of the network's clients. */
  size: number;
  referral: Weights<(typeof referrals)[number]>;
  substance: Weights<(typeof substances)[number]>;
  /** Log-odds of a goal being set collaboratively by this clinic's typical counselor. */
  collaborativeLean: number;
  /**
   * Log-odds gain in attainment for a collaborative goal here. It differs by clinic (the effect
   * is not uniform) and sits around the goal-consensus/collaboration effect of Tryon, Birch &
   * Verkuilen 2018 (r ≈ .24–.29, i.e. an odds ratio near 2.5 by Chinn's 2000 conversion).
   */
  modeEffect: number;
  /** Prognosis shift for what the case mix does not explain (services, setting). */
  prognosisShift: number;
}

export const clinicProfiles: readonly ClinicProfile[] = [
  {
    clinicId: 'riverside',
    label: 'Riverside outpatient (mandated and opioid programme)',
    timeZone: 'America/New_York',
    size: 0.4,
    referral: { self: 0.25, mandated: 0.6, other: 0.15 },
    substance: { alcohol: 0.15, opioids: 0.5, stimulants: 0.15, cannabis: 0.05, sedatives: 0.08, other: 0.04, unknown: 0.03 },
    collaborativeLean: 1.6,
    modeEffect: 1.3,
    prognosisShift: -0.5,
  },
  {
    clinicId: 'prairie',
    label: 'Prairie community counseling',
    timeZone: 'America/Chicago',
    size: 0.35,
    referral: { self: 0.5, mandated: 0.3, other: 0.2 },
    substance: { alcohol: 0.4, opioids: 0.2, stimulants: 0.15, cannabis: 0.12, sedatives: 0.06, other: 0.04, unknown: 0.03 },
    collaborativeLean: 0,
    modeEffect: 1.05,
    prognosisShift: 0,
  },
  {
    clinicId: 'coastal',
    label: 'Coastal self-referral clinic',
    timeZone: 'America/Los_Angeles',
    size: 0.25,
    referral: { self: 0.8, mandated: 0.08, other: 0.12 },
    substance: { alcohol: 0.55, opioids: 0.05, stimulants: 0.08, cannabis: 0.25, sedatives: 0.04, other: 0.02, unknown: 0.01 },
    collaborativeLean: -1.8,
    modeEffect: 0.8,
    prognosisShift: 0.5,
  },
  {
    clinicId: 'mesa',
    label: 'Mesa stimulant programme',
    timeZone: 'America/Denver',
    size: 0.2,
    referral: { self: 0.45, mandated: 0.4, other: 0.15 },
    substance: { alcohol: 0.2, opioids: 0.15, stimulants: 0.45, cannabis: 0.1, sedatives: 0.04, other: 0.04, unknown: 0.02 },
    collaborativeLean: 0.6,
    modeEffect: 1.0,
    prognosisShift: -0.1,
  },
  {
    clinicId: 'desert',
    label: 'Desert family recovery centre',
    timeZone: 'America/Phoenix',
    size: 0.15,
    referral: { self: 0.6, mandated: 0.2, other: 0.2 },
    substance: { alcohol: 0.45, opioids: 0.15, stimulants: 0.15, cannabis: 0.15, sedatives: 0.05, other: 0.03, unknown: 0.02 },
    collaborativeLean: -0.5,
    modeEffect: 0.85,
    prognosisShift: 0.15,
  },
  {
    clinicId: 'island',
    label: 'Island outreach clinic',
    timeZone: 'Pacific/Honolulu',
    size: 0.1,
    referral: { self: 0.55, mandated: 0.25, other: 0.2 },
    substance: { alcohol: 0.35, opioids: 0.1, stimulants: 0.3, cannabis: 0.15, sedatives: 0.04, other: 0.04, unknown: 0.02 },
    collaborativeLean: 0.2,
    modeEffect: 0.9,
    prognosisShift: 0,
  },
];

/** The profiles of an n-clinic network: the list above, cycled with a numbered id beyond it. */
export function profilesFor(count: number): ClinicProfile[] {
  return Array.from({ length: count }, (_, i) => {
    const profile = clinicProfiles[i % clinicProfiles.length]!;
    const round = Math.floor(i / clinicProfiles.length);
    return round === 0
      ? profile
      : { ...profile, clinicId: `${profile.clinicId}-${round + 1}`, label: `${profile.label} ${round + 1}` };
  });
}

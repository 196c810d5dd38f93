// Who a synthetic client is: case mix drawn from the clinic's profile, and the latent prognosis
// and alliance that drive everything else in their story.
import type { genders, referrals, substances } from '../events/schema.js';
import type { ClinicProfile } from './clinic-profiles.js';
import type { Random } from './random.js';

export interface ClientTraits {
  referral: (typeof referrals)[number];
  substance: (typeof substances)[number];
  gender: (typeof genders)[number];
  birthYear: number | undefined;
  /** Log-odds scale: higher means better engagement and attainment whatever the goal mode. */
  prognosis: number;
  /** Standardised tendency to rate the working alliance highly. */
  allianceZ: number;
}

// Mandated referral and opioid or stimulant use predict worse engagement and outcomes in SUD
// treatment (e.g. Brorson et al. 2013 on dropout); the sizes here are illustrative.
const referralPrognosis: Record<ClientTraits['referral'], number> = { self: 0, mandated: -0.5, other: -0.15 };
const substancePrognosis: Record<ClientTraits['substance'], number> = {
  alcohol: 0, opioids: -0.6, stimulants: -0.4, cannabis: 0.2, sedatives: -0.3, other: -0.1, unknown: -0.2,
};
const genderWeights: Record<ClientTraits['gender'], number> = {
  male: 0.58, female: 0.38, nonbinary: 0.015, other: 0.01, unknown: 0.015,
};

export function drawClientTraits(rng: Random, profile: ClinicProfile, asOfYear: number): ClientTraits {
  const referral = rng.weighted(profile.referral);
  const substance = rng.weighted(profile.substance);
  const gender = rng.weighted(genderWeights);
  const birthYear = rng.chance(0.05) ? undefined : asOfYear - rng.int(18, 70);
  const prognosis = referralPrognosis[referral] + substancePrognosis[substance] + profile.prognosisShift + rng.normal(0, 0.5);
  return { referral, substance, gender, birthYear, prognosis, allianceZ: 0.35 * prognosis + rng.normal(0, 0.7) };
}

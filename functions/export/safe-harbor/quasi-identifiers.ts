// The quasi-identifiers of the safe_harbor profile (issue 10 §3) and their generalisation ladder.
// Age is banded from the birth year (no birth date is ever accepted, SPEC §2); 90 and over is one
// band, as 45 CFR 164.514(b)(2)(i)(C) requires for ages over 89.
export const AGE_BANDS = ['0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-89', '90+'] as const;
export const WIDE_AGE_BANDS = ['0-34', '35-54', '55+'] as const;
/** What a generalised-away quasi-identifier reads as. */
export const GENERALISED = 'withheld';
export const UNKNOWN_AGE = 'unknown';

export interface QuasiIdentifiers {
  ageBand: string;
  gender: string;
  primarySubstance: string;
  enrollmentYear: number;
}

const BAND_LOWER_BOUNDS = [0, 18, 25, 35, 45, 55, 65, 90];

export function ageBand(birthYear: number | undefined, enrollmentYear: number): string {
  if (birthYear === undefined) return UNKNOWN_AGE;
  const age = enrollmentYear - birthYear;
  let band = 0;
  for (let i = 0; i < BAND_LOWER_BOUNDS.length; i++) if (age >= BAND_LOWER_BOUNDS[i]!) band = i;
  return AGE_BANDS[band]!;
}

const WIDER: Record<string, string> = {
  '0-17': '0-34',
  '18-24': '0-34',
  '25-34': '0-34',
  '35-44': '35-54',
  '45-54': '35-54',
  '55-64': '55+',
  '65-89': '55+',
  '90+': '55+',
};

/**
 * The ladder, one rung per level, in the order issue 10 names them: widen the age band, merge the
 * substances into "other", drop gender; the last rung withholds the age band too. A record at level
 * L has rungs 1…L applied.
 */
export const LADDER: readonly { name: GeneralisationStep; apply: (qi: QuasiIdentifiers) => QuasiIdentifiers }[] = [
  { name: 'ageBandWidened', apply: (qi) => ({ ...qi, ageBand: WIDER[qi.ageBand] ?? qi.ageBand }) },
  { name: 'substanceMerged', apply: (qi) => ({ ...qi, primarySubstance: 'other' }) },
  { name: 'genderWithheld', apply: (qi) => ({ ...qi, gender: GENERALISED }) },
  { name: 'ageBandWithheld', apply: (qi) => ({ ...qi, ageBand: GENERALISED }) },
];
export type GeneralisationStep = 'ageBandWidened' | 'substanceMerged' | 'genderWithheld' | 'ageBandWithheld';

export const generalise = (qi: QuasiIdentifiers, level: number): QuasiIdentifiers =>
  LADDER.slice(0, level).reduce((q, step) => step.apply(q), qi);

export const classKey = (qi: QuasiIdentifiers): string => `${qi.ageBand}|${qi.gender}|${qi.primarySubstance}|${qi.enrollmentYear}`;

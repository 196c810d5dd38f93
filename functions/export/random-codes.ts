// Study ids and clinic/counselor codes (SPEC §7, 45 CFR 164.514(c)): drawn at random for every export,
// never derived from the identifier — not a hash, not a keyed hash, not a sequence in id order — so
// two exports cannot be linked to each other or back to the source ids. The alphabet has no digits
// (a code can never read as a date, a year or an age) and no vowels (no accidental words).
import { randomInt } from 'node:crypto';

const ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
// 20^16 ≈ 6.6·10^20: across 10 million clients the chance of any collision is about 10^-7, and the
// assigner below redraws on a collision anyway.
const STUDY_ID_LENGTH = 16;
const CODE_LENGTH = 8;

export function randomCode(prefix: string, length: number): string {
  let code = prefix;
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Assigns each source id one random code, the same code every time it is asked for in this export. */
export function codeAssigner(prefix: string, length = CODE_LENGTH) {
  const codes = new Map<string, string>();
  const used = new Set<string>();
  return (sourceId: string): string => {
    let code = codes.get(sourceId);
    if (code === undefined) {
      do code = randomCode(prefix, length);
      while (used.has(code));
      used.add(code);
      codes.set(sourceId, code);
    }
    return code;
  };
}

export const newStudyId = () => randomCode('P', STUDY_ID_LENGTH);
export const newClinicCode = () => randomCode('C', CODE_LENGTH);
export const counselorCodes = () => codeAssigner('K');

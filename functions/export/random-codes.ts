// Study ids and clinic/counselor codes (SPEC §7, 45 CFR 164.514(c)): drawn at random for every export,
// never derived from the identifier — not a hash, not a keyed hash, not a sequence in id order — so
// two exports cannot be linked to each other or back to the source ids. The alphabet has no digits
// (a code can never read as a date, a year or an age) and no vowels (no accidental words).
import { randomBytes } from 'node:crypto';

const ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
// 20^16 ≈ 6.6·10^20: across 10 million clients the chance of any collision is about 10^-7, and the
// assigner below redraws on a collision anyway.
const STUDY_ID_LENGTH = 16;
const CODE_LENGTH = 8;

// Bytes of 240 or more are redrawn, so every letter is equally likely (240 = 12 × 20). Random bytes
// are drawn 4 KB at a time: one call per code would cost more than the rest of a client's rows.
const UNBIASED_BELOW = 240;
let pool = Buffer.alloc(0);
let next = 0;

function randomByte(): number {
  if (next === pool.length) {
    pool = randomBytes(4096);
    next = 0;
  }
  return pool[next++]!;
}

function randomCode(prefix: string, length: number): string {
  let code = prefix;
  for (let i = 0; i < length; ) {
    const byte = randomByte();
    if (byte >= UNBIASED_BELOW) continue;
    code += ALPHABET[byte % ALPHABET.length];
    i += 1;
  }
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
export const counselorCodes = () => codeAssigner('K');

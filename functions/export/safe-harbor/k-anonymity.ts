// k-anonymity, k = 11, over (clinic code, age band, gender, primary substance, enrollment year)
// (SPEC §7; Sweeney 2002, "k-anonymity: a model for protecting privacy"). The clinic is part of every
// class, so one clinic's records are anonymised alone; this function sees one clinic.
//
// Generalise first, suppress last (issue 10 §3): every record starts at level 0; while some published
// class has fewer than k records, every record of each such class climbs one rung of the ladder
// (quasi-identifiers.ts) together. A class of k or more never loses a record — records only leave
// small classes — so the loop ends with every class at k or more, except the records of small classes
// already on the top rung: those, and only those, are suppressed.
import { LADDER, classKey, generalise, type GeneralisationStep, type QuasiIdentifiers } from './quasi-identifiers.js';

export const K_ANONYMITY = 11;

export type GeneralisationCounts = Record<GeneralisationStep, number> & { suppressed: number };

export interface Anonymised<T> {
  /** The kept records with their published quasi-identifiers. */
  kept: { record: T; published: QuasiIdentifiers }[];
  /** Records per rung they needed (a record at level 2 counts under both of its rungs), and suppressed. */
  counts: GeneralisationCounts;
}

export function anonymise<T>(records: readonly T[], quasiIdentifiers: (record: T) => QuasiIdentifiers, k = K_ANONYMITY): Anonymised<T> {
  const original = records.map(quasiIdentifiers);
  const level = new Array<number>(records.length).fill(0);
  const top = LADDER.length;
  let published = original.map((qi) => classKey(qi));
  const suppressed = new Set<number>();
  for (;;) {
    const sizes = new Map<string, number>();
    for (const key of published) sizes.set(key, (sizes.get(key) ?? 0) + 1);
    const stuck: number[] = [];
    let moved = false;
    records.forEach((_, i) => {
      if (sizes.get(published[i]!)! >= k) return;
      if (level[i] === top) stuck.push(i);
      else {
        level[i]! += 1;
        moved = true;
      }
    });
    // Suppress only once nothing can climb any more: a climbing record might still join a top-rung class.
    if (!moved) {
      for (const i of stuck) suppressed.add(i);
      break;
    }
    published = original.map((qi, i) => classKey(generalise(qi, level[i]!)));
  }
  const counts: GeneralisationCounts = { ageBandWidened: 0, substanceMerged: 0, genderWithheld: 0, ageBandWithheld: 0, suppressed: suppressed.size };
  const kept: Anonymised<T>['kept'] = [];
  records.forEach((record, i) => {
    if (suppressed.has(i)) return;
    const qi = generalise(original[i]!, level[i]!);
    // A rung counts only where it changed what is published (widening "unknown" changes nothing).
    LADDER.slice(0, level[i]).forEach((step, rung) => {
      if (classKey(generalise(original[i]!, rung)) !== classKey(generalise(original[i]!, rung + 1))) counts[step.name] += 1;
    });
    kept.push({ record, published: qi });
  });
  return { kept, counts };
}

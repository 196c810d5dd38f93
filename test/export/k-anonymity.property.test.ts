// k-anonymity (issue 10 §3) as a property over random populations: every published quasi-identifier
// class holds at least 11 records, generalisation comes before suppression, and the counts add up.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { K_ANONYMITY, anonymise } from '../../functions/export/safe-harbor/k-anonymity.js';
import { AGE_BANDS, classKey, type QuasiIdentifiers } from '../../functions/export/safe-harbor/quasi-identifiers.js';
import { genders, substances } from '../../functions/events/schema.js';

const person = fc.record({
  ageBand: fc.constantFrom(...AGE_BANDS, 'unknown'),
  gender: fc.constantFrom(...genders),
  primarySubstance: fc.constantFrom(...substances),
  enrollmentYear: fc.integer({ min: 2019, max: 2026 }),
});
// Skewed populations too: a few common profiles and a tail of rare ones, as real clinics have.
const population = fc.oneof(fc.array(person, { maxLength: 400 }), fc.array(fc.oneof(person, fc.constant<QuasiIdentifiers>({ ageBand: '35-44', gender: 'male', primarySubstance: 'alcohol', enrollmentYear: 2024 })), { maxLength: 400 }));

describe('anonymise', () => {
  it('every published class has at least k records; suppressed + kept = all', () => {
    fc.assert(
      fc.property(population, (records) => {
        const { kept, counts } = anonymise(records, (r) => r);
        const sizes = new Map<string, number>();
        for (const k of kept) sizes.set(classKey(k.published), (sizes.get(classKey(k.published)) ?? 0) + 1);
        for (const size of sizes.values()) expect(size).toBeGreaterThanOrEqual(K_ANONYMITY);
        expect(kept.length + counts.suppressed).toBe(records.length);
        // Suppression takes only the one fully generalised class of a year, and only while it is under k.
        const years = new Set(records.map((r) => r.enrollmentYear)).size;
        expect(counts.suppressed).toBeLessThanOrEqual((K_ANONYMITY - 1) * years);
      }),
      { numRuns: 200 },
    );
  });

  it('a class that is already large enough is published as it is', () => {
    const big: QuasiIdentifiers = { ageBand: '25-34', gender: 'female', primarySubstance: 'opioids', enrollmentYear: 2025 };
    const rare: QuasiIdentifiers = { ageBand: '90+', gender: 'male', primarySubstance: 'sedatives', enrollmentYear: 2025 };
    const { kept, counts } = anonymise([...Array(11).fill(big), rare], (r) => r);
    expect(kept.filter((k) => classKey(k.published) === classKey(big))).toHaveLength(11);
    expect(counts).toMatchObject({ suppressed: 1, ageBandWidened: 0 });
  });

  it('generalises before it suppresses: twelve rare records of one year all survive, generalised', () => {
    const records: QuasiIdentifiers[] = Array.from({ length: 12 }, (_, i) => ({
      ageBand: AGE_BANDS[i % AGE_BANDS.length]!,
      gender: genders[i % genders.length]!,
      primarySubstance: substances[i % substances.length]!,
      enrollmentYear: 2024,
    }));
    const { kept, counts } = anonymise(records, (r) => r);
    expect(kept).toHaveLength(12);
    expect(counts.suppressed).toBe(0);
    expect(new Set(kept.map((k) => classKey(k.published)))).toEqual(new Set(['withheld|withheld|other|2024']));
    expect(counts.genderWithheld).toBeGreaterThan(0);
  });
});

// Patient → client.enrolled (SPEC §2). FHIR R4 Patient: http://hl7.org/fhir/R4/patient.html
// Only the birth year, the administrative gender and our documented substance and referral
// extensions are read; names, telecom, address, identifiers and everything else are dropped.
import { z } from 'zod';
import { referrals, substances } from '../events/schema.js';
import { extensionOf, referenceSchema, resourceBase } from './elements.js';
import { codedExtension } from './coded-extension.js';
import { counselorOf } from './counselor.js';
import { defineMapper, Unmappable } from './mapping.js';
import { instantOf } from './when.js';
import { codeSystems, extensions } from './vocabulary.js';

const patientSchema = z.looseObject({
  resourceType: z.literal('Patient'),
  ...resourceBase,
  // FHIR R4 administrative-gender: male | female | other | unknown.
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  birthDate: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)').optional(),
  generalPractitioner: z.array(referenceSchema).optional(),
});

export const patientMapper = defineMapper({
  resourceType: 'Patient',
  schema: patientSchema,
  read: ['gender', 'birthDate', 'generalPractitioner', 'managingOrganization'],
  readExtensions: [extensions.responsibleCounselor, extensions.enrolledAt, extensions.primarySubstance, extensions.referralSource],
  map(patient, context) {
    const notes: string[] = [];
    const counselor = counselorOf('Patient', patient.extension, [{ reference: patient.generalPractitioner?.[0], expression: 'Patient.generalPractitioner' }], context);
    const enrolledAtSource = `Patient.extension('${extensions.enrolledAt}').valueDateTime`;
    const enrolledAt = extensionOf(patient.extension, extensions.enrolledAt)?.valueDateTime;
    const occurredAt = enrolledAt !== undefined ? instantOf(enrolledAt, enrolledAtSource, context.timeZone) : instantOf(patient.meta?.lastUpdated, 'Patient.meta.lastUpdated', context.timeZone);
    const substance = codedExtension('Patient', patient.extension, extensions.primarySubstance, codeSystems.primarySubstance, substances);
    if (!substance) notes.push('Patient: no primary-substance extension; recorded as "unknown"');
    const referral = codedExtension('Patient', patient.extension, extensions.referralSource, codeSystems.referralSource, referrals);
    if (!referral) throw new Unmappable(`Patient.extension('${extensions.referralSource}')`, 'is required: self, mandated or other');
    // SPEC §7: the year only; the rest of the birth date is never kept.
    const birthYear = patient.birthDate === undefined ? undefined : Number(patient.birthDate.slice(0, 4));
    return {
      event: {
        type: 'client.enrolled',
        clientId: patient.id,
        counselorId: counselor.counselorId,
        occurredAt,
        ...(birthYear === undefined ? {} : { birthYear }),
        gender: patient.gender ?? 'unknown',
        primarySubstance: substance ?? 'unknown',
        referral,
      },
      sources: {
        clientId: 'Patient.id',
        counselorId: counselor.source,
        occurredAt: enrolledAt !== undefined ? enrolledAtSource : 'Patient.meta.lastUpdated',
        birthYear: 'Patient.birthDate',
        gender: 'Patient.gender',
      },
      notes,
    };
  },
});

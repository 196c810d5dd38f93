// PCO GAS score Observation → goal.reviewed (SPEC §2). FHIR R4 Observation:
// http://hl7.org/fhir/R4/observation.html; the profile is the HL7 PCO IG's
// http://hl7.org/fhir/us/pco/StructureDefinition/pco-gas-score-observation: code is a GAS score
// LOINC (baseline 112296-9 or a follow-up score), value a LOINC LL6900-6 answer, focus the Goal.
import { z } from 'zod';
import { codeIn, codeableConceptSchema, referenceSchema, resourceBase } from './elements.js';
import { gasLevelOf } from './gas-level.js';
import { defineMapper, nothingRecorded, Unmappable } from './mapping.js';
import { referencedId } from './references.js';
import { eventBase } from './event-base.js';
import { LOINC, extensions, gasScoreCodes } from './vocabulary.js';

// FHIR R4 observation-status.
const observationStatuses = ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown'] as const;

const gasScoreObservationSchema = z.looseObject({
  resourceType: z.literal('Observation'),
  ...resourceBase,
  status: z.enum(observationStatuses),
  code: codeableConceptSchema,
  subject: referenceSchema,
  focus: z.array(referenceSchema).min(1, 'a GAS score names its Goal in focus'),
  effectiveDateTime: z.string(),
  performer: z.array(referenceSchema).optional(),
  valueCodeableConcept: codeableConceptSchema,
});

export const gasScoreObservationMapper = defineMapper({
  resourceType: 'Observation',
  schema: gasScoreObservationSchema,
  read: ['status', 'code', 'subject', 'focus', 'effectiveDateTime', 'performer', 'valueCodeableConcept', 'category'],
  readExtensions: [extensions.responsibleCounselor],
  map(observation, context) {
    const code = codeIn(observation.code, LOINC);
    if (code === undefined || !gasScoreCodes.has(code)) {
      throw new Unmappable('Observation.code', `only PCO GAS score Observations are read: LOINC ${[...gasScoreCodes].join(', ')}`);
    }
    if (['cancelled', 'entered-in-error', 'unknown'].includes(observation.status)) {
      throw new Unmappable('Observation.status', `"${observation.status}" cannot be recorded: events are append-only facts (SPEC §2)`);
    }
    if (observation.status === 'registered' || observation.status === 'preliminary') {
      return nothingRecorded(`Observation status "${observation.status}" records nothing yet; send it again when final`);
    }
    const level = gasLevelOf(observation.valueCodeableConcept, 'Observation.valueCodeableConcept');
    if (level === undefined) throw new Unmappable('Observation.valueCodeableConcept', 'must hold a LOINC GAS answer (LL6900-6)');
    const base = eventBase(
      observation,
      {
        client: { value: observation.subject, expression: 'Observation.subject' },
        counselors: (observation.performer ?? []).map((reference, i) => ({ reference, expression: `Observation.performer[${i}]` })),
        when: { value: observation.effectiveDateTime, expression: 'Observation.effectiveDateTime' },
      },
      context,
    );
    return {
      event: { type: 'goal.reviewed', ...base.fields, goalId: referencedId(observation.focus[0], 'Goal', 'Observation.focus[0]', context), level },
      sources: { ...base.sources, goalId: 'Observation.focus', level: 'Observation.valueCodeableConcept' },
      notes: [],
    };
  },
});

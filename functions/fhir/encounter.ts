// Encounter → session.recorded (SPEC §2). FHIR R4 Encounter: http://hl7.org/fhir/R4/encounter.html
// R4 has no no-show status (Appointment has one), so a no-show is a `cancelled` Encounter with our
// documented no-show extension set to true. Encounters not yet finished record nothing.
import { z } from 'zod';
import { modalities } from '../events/schema.js';
import { codeIn, codeableConceptSchema, codingSchema, extensionOf, referenceSchema, resourceBase } from './elements.js';
import { defineMapper, nothingRecorded, Unmappable } from './mapping.js';
import { eventBase } from './event-base.js';
import { ACT_CODE, CPT, codeSystems, extensions } from './vocabulary.js';

// FHIR R4 encounter-status: planned | arrived | triaged | in-progress | onleave | finished | cancelled | entered-in-error | unknown.
const encounterStatuses = ['planned', 'arrived', 'triaged', 'in-progress', 'onleave', 'finished', 'cancelled', 'entered-in-error', 'unknown'] as const;

const encounterSchema = z.looseObject({
  resourceType: z.literal('Encounter'),
  ...resourceBase,
  status: z.enum(encounterStatuses),
  class: codingSchema,
  type: z.array(codeableConceptSchema).optional(),
  subject: referenceSchema,
  participant: z.array(z.looseObject({ individual: referenceSchema.optional() })).optional(),
  period: z.looseObject({ start: z.string().optional() }).optional(),
});

// CPT psychotherapy codes: 90832/90834/90837 individual, 90853 group.
const cptModality: Readonly<Record<string, (typeof modalities)[number]>> = { '90832': 'individual', '90834': 'individual', '90837': 'individual', '90853': 'group' };

function modalityOf(encounter: z.infer<typeof encounterSchema>): (typeof modalities)[number] | undefined {
  // v3 ActCode VR (virtual) is telehealth whatever the type says.
  if (encounter.class.system === ACT_CODE && encounter.class.code === 'VR') return 'telehealth';
  for (const type of encounter.type ?? []) {
    const own = codeIn(type, codeSystems.sessionModality);
    if (own !== undefined && (modalities as readonly string[]).includes(own)) return own as (typeof modalities)[number];
    const cpt = codeIn(type, CPT);
    if (cpt !== undefined && cptModality[cpt]) return cptModality[cpt];
  }
  return undefined;
}

export const encounterMapper = defineMapper({
  resourceType: 'Encounter',
  schema: encounterSchema,
  read: ['status', 'class', 'type', 'subject', 'participant', 'period', 'serviceProvider'],
  readExtensions: [extensions.responsibleCounselor, extensions.noShow],
  map(encounter, context) {
    if (encounter.status === 'entered-in-error' || encounter.status === 'unknown') {
      throw new Unmappable('Encounter.status', `"${encounter.status}" cannot be recorded: events are append-only facts (SPEC §2)`);
    }
    if (encounter.status !== 'finished' && encounter.status !== 'cancelled') {
      return nothingRecorded(`Encounter status "${encounter.status}" records nothing yet; send it again when finished or cancelled`);
    }
    const noShow = extensionOf(encounter.extension, extensions.noShow)?.valueBoolean === true;
    const status = encounter.status === 'finished' ? 'attended' : noShow ? 'no_show' : 'cancelled';
    const modality = modalityOf(encounter);
    const base = eventBase(
      encounter,
      {
        client: { value: encounter.subject, expression: 'Encounter.subject' },
        counselors: (encounter.participant ?? []).map((p, i) => ({ reference: p.individual, expression: `Encounter.participant[${i}].individual` })),
        when: { value: encounter.period?.start, expression: 'Encounter.period.start' },
      },
      context,
    );
    return {
      event: { type: 'session.recorded', ...base.fields, sessionId: encounter.id, status, ...(modality ? { modality } : {}) },
      sources: { ...base.sources, sessionId: 'Encounter.id', status: 'Encounter.status', modality: 'Encounter.type' },
      notes: [],
    };
  },
});

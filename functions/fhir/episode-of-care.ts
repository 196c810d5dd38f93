// EpisodeOfCare → client.discharged (SPEC §2). FHIR R4 EpisodeOfCare:
// http://hl7.org/fhir/R4/episodeofcare.html. Only `finished` is a discharge; R4 has no discharge
// reason element, so the reason is our discharge-reason extension, whose code system mirrors the
// SAMHSA TEDS-D discharge reasons. Other statuses record nothing.
import { z } from 'zod';
import { dischargeReasons } from '../events/schema.js';
import { referenceSchema, resourceBase } from './elements.js';
import { codedExtension } from './coded-extension.js';
import { defineMapper, nothingRecorded, Unmappable } from './mapping.js';
import { eventBase } from './event-base.js';
import { codeSystems, extensions } from './vocabulary.js';

const episodeOfCareSchema = z.looseObject({
  resourceType: z.literal('EpisodeOfCare'),
  ...resourceBase,
  // FHIR R4 episode-of-care-status.
  status: z.enum(['planned', 'waitlist', 'active', 'onhold', 'finished', 'cancelled', 'entered-in-error']),
  patient: referenceSchema,
  managingOrganization: referenceSchema.optional(),
  careManager: referenceSchema.optional(),
  period: z.looseObject({ start: z.string().optional(), end: z.string().optional() }).optional(),
});

const REASON = `EpisodeOfCare.extension('${extensions.dischargeReason}')`;

export const episodeOfCareMapper = defineMapper({
  resourceType: 'EpisodeOfCare',
  schema: episodeOfCareSchema,
  read: ['status', 'patient', 'managingOrganization', 'careManager', 'period'],
  readExtensions: [extensions.dischargeReason, extensions.responsibleCounselor],
  map(episode, context) {
    if (episode.status === 'entered-in-error') {
      throw new Unmappable('EpisodeOfCare.status', '"entered-in-error" cannot be recorded: events are append-only facts (SPEC §2)');
    }
    if (episode.status !== 'finished') {
      return nothingRecorded(`EpisodeOfCare status "${episode.status}" records nothing; only "finished" is a discharge`);
    }
    const reason = codedExtension('EpisodeOfCare', episode.extension, extensions.dischargeReason, codeSystems.dischargeReason, dischargeReasons);
    if (!reason) throw new Unmappable(REASON, `a finished episode needs a discharge reason: ${dischargeReasons.join(', ')}`);
    const base = eventBase(
      episode,
      {
        client: { value: episode.patient, expression: 'EpisodeOfCare.patient' },
        counselors: [{ reference: episode.careManager, expression: 'EpisodeOfCare.careManager' }],
        when: { value: episode.period?.end, expression: 'EpisodeOfCare.period.end' },
      },
      context,
    );
    return {
      event: { type: 'client.discharged', ...base.fields, reason },
      sources: { ...base.sources, reason: REASON },
      notes: [],
    };
  },
});

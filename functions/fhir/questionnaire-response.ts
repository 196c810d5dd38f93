// QuestionnaireResponse → measure.recorded (SPEC §2, §4). FHIR R4 QuestionnaireResponse:
// http://hl7.org/fhir/R4/questionnaireresponse.html. The instrument is the canonical Questionnaire
// URL (optionally `|version`); items are read by linkId "1"…"n" and only their numeric answers are
// kept: item text is licensed wording and free text, never stored, and totals are the platform's.
import { z } from 'zod';
import { instrumentSpecs, instruments, type Instrument } from '../events/instruments.js';
import { referenceSchema, resourceBase } from './elements.js';
import { defineMapper, Unmappable } from './mapping.js';
import { eventBase } from './event-base.js';
import { extensions, questionnaireUrls } from './vocabulary.js';

const answerSchema = z.looseObject({ valueInteger: z.number().optional(), valueDecimal: z.number().optional() });
const itemSchema = z.looseObject({ linkId: z.string(), answer: z.array(answerSchema).optional() });

const questionnaireResponseSchema = z.looseObject({
  resourceType: z.literal('QuestionnaireResponse'),
  ...resourceBase,
  questionnaire: z.string(),
  // FHIR R4 questionnaire-answers-status.
  status: z.enum(['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped']),
  subject: referenceSchema,
  authored: z.string(),
  author: referenceSchema.optional(),
  source: referenceSchema.optional(),
  item: z.array(itemSchema).optional(),
});

function instrumentOf(questionnaire: string): Instrument {
  const canonical = questionnaire.split('|')[0];
  const instrument = instruments.find((i) => questionnaireUrls[i] === canonical);
  if (!instrument) {
    throw new Unmappable('QuestionnaireResponse.questionnaire', `must be one of ${Object.values(questionnaireUrls).join(', ')}`);
  }
  return instrument;
}

export const questionnaireResponseMapper = defineMapper({
  resourceType: 'QuestionnaireResponse',
  schema: questionnaireResponseSchema,
  read: ['questionnaire', 'status', 'subject', 'authored', 'author', 'source', 'item'],
  readExtensions: [extensions.responsibleCounselor],
  map(response, context) {
    const instrument = instrumentOf(response.questionnaire);
    if (response.status !== 'completed' && response.status !== 'amended') {
      throw new Unmappable('QuestionnaireResponse.status', `"${response.status}" is not a completed measure; only completed or amended responses are recorded`);
    }
    const count = instrumentSpecs[instrument].items;
    const byLinkId = new Map((response.item ?? []).map((item) => [item.linkId, item]));
    const items = Array.from({ length: count }, (_, i) => {
      const answer = byLinkId.get(String(i + 1))?.answer?.[0];
      const value = answer?.valueInteger ?? answer?.valueDecimal;
      if (value === undefined) throw new Unmappable(`QuestionnaireResponse.item.where(linkId='${i + 1}').answer`, `${instrument} needs a numeric answer for each of items 1–${count}`);
      return value;
    });
    const extra = [...byLinkId.keys()].filter((linkId) => !/^\d+$/.test(linkId) || Number(linkId) < 1 || Number(linkId) > count);
    if (extra.length > 0) throw new Unmappable('QuestionnaireResponse.item.linkId', `${instrument} has items "1"…"${count}"; unexpected ${extra.map((l) => `"${l}"`).join(', ')}`);
    const texts = (response.item ?? []).filter((item) => 'text' in item).length;
    const base = eventBase(
      response,
      {
        client: { value: response.subject, expression: 'QuestionnaireResponse.subject' },
        counselors: [
          { reference: response.author, expression: 'QuestionnaireResponse.author' },
          { reference: response.source, expression: 'QuestionnaireResponse.source' },
        ],
        when: { value: response.authored, expression: 'QuestionnaireResponse.authored' },
      },
      context,
    );
    return {
      event: { type: 'measure.recorded', ...base.fields, instrument, items },
      sources: { ...base.sources, items: 'QuestionnaireResponse.item.answer' },
      notes: texts > 0 ? [`QuestionnaireResponse: ${texts} item text(s) dropped; item wording is never stored (SPEC §4)`] : [],
    };
  },
});

// The pure mappings (functions/fhir/), resource by resource, against docs/fhir-mapping.md.
import { describe, expect, it } from 'vitest';
import { mapResource, type MappedResource } from '../../functions/fhir/map-resource.js';
import type { MappingContext } from '../../functions/fhir/mapping.js';

const context: MappingContext = { clinicId: 'clinic-a', timeZone: 'America/New_York', resolveFullUrl: () => undefined, now: new Date('2026-11-26T00:00:00Z') };
const LOINC = 'http://loinc.org';
const SD = 'https://outcomes.example/fhir/StructureDefinition/';
const CS = 'https://outcomes.example/fhir/CodeSystem/';
const co = { reference: 'Practitioner/co-1' };
const subject = { reference: 'Patient/pt-1' };

const event = (m: MappedResource) => {
  if (!m.ok) throw new Error(`not mapped: ${JSON.stringify(m.issues)}`);
  return m.event;
};
const failure = (m: MappedResource) => {
  if (m.ok) throw new Error(`mapped: ${JSON.stringify(m.event)}`);
  return { status: m.status, expression: m.issues[0]!.expression?.[0], diagnostics: m.issues[0]!.diagnostics };
};
const recordsNothing = (m: MappedResource) => {
  expect(m.ok).toBe(true);
  expect(m.ok && m.event).toBeUndefined();
};
const notes = (m: MappedResource) => (m.ok ? m.notes.join(' | ') : '');

const gasScore = (answer: string, code = '107333-7') => ({
  resourceType: 'Observation', id: 'o1', meta: { versionId: '1' }, status: 'final',
  code: { coding: [{ system: LOINC, code }] }, subject, focus: [{ reference: 'Goal/g1' }],
  effectiveDateTime: '2026-03-02T10:00:00-05:00', performer: [co], valueCodeableConcept: { coding: [{ system: LOINC, code: answer }] },
});
const encounter = (extra: Record<string, unknown>) => ({
  resourceType: 'Encounter', id: 'e1', meta: { versionId: '1' }, status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, subject, participant: [{ individual: co }],
  period: { start: '2026-03-02T10:00:00-05:00' }, ...extra,
});
const goal = (extra: Record<string, unknown>) => ({
  resourceType: 'Goal', id: 'g1', meta: { versionId: '1' }, lifecycleStatus: 'active', subject, startDate: '2026-03-02', expressedBy: co, ...extra,
});
const questionnaireResponse = (questionnaire: string, items: number[], extra: Record<string, unknown> = {}) => ({
  resourceType: 'QuestionnaireResponse', id: 'q1', meta: { versionId: '1' }, questionnaire, status: 'completed', subject,
  authored: '2026-03-02T10:50:00-05:00', author: co, item: items.map((v, i) => ({ linkId: String(i + 1), answer: [{ valueInteger: v }] })), ...extra,
});
const patient = (extra: Record<string, unknown>) => ({
  resourceType: 'Patient', id: 'pt-1', meta: { versionId: '1' }, generalPractitioner: [co],
  extension: [
    { url: `${SD}enrolled-at`, valueDateTime: '2026-03-01T09:00:00-05:00' },
    { url: `${SD}referral-source`, valueCoding: { system: `${CS}referral-source`, code: 'mandated' } },
  ],
  ...extra,
});

describe('PCO GAS score Observation → goal.reviewed', () => {
  it.each([
    ['LA34479-8', 2],
    ['LA34480-6', 1],
    ['LA34481-4', 0],
    ['LA34483-0', -1],
    ['LA34484-8', -2],
  ])('LOINC answer %s is GAS level %i', (answer, level) => {
    expect(event(mapResource(gasScore(answer), context))).toMatchObject({ type: 'goal.reviewed', goalId: 'g1', clientId: 'pt-1', counselorId: 'co-1', level });
  });

  it('reads the baseline code 112296-9 and refuses other codes and answers, naming the element', () => {
    expect(event(mapResource(gasScore('LA34481-4', '112296-9'), context))).toMatchObject({ level: 0 });
    expect(failure(mapResource(gasScore('LA34481-4', '72133-2'), context))).toMatchObject({ status: 422, expression: 'Observation.code' });
    expect(failure(mapResource(gasScore('LA6111-4'), context))).toMatchObject({ status: 422, expression: 'Observation.valueCodeableConcept' });
  });
});

describe('Encounter → session.recorded', () => {
  it.each([
    [{}, { status: 'attended' }],
    [{ type: [{ coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '90853' }] }] }, { status: 'attended', modality: 'group' }],
    [{ class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR' } }, { modality: 'telehealth' }],
    [{ type: [{ coding: [{ system: `${CS}session-modality`, code: 'individual' }] }] }, { modality: 'individual' }],
    [{ status: 'cancelled' }, { status: 'cancelled' }],
    [{ status: 'cancelled', extension: [{ url: `${SD}no-show`, valueBoolean: true }] }, { status: 'no_show' }],
  ])('%j → %j', (extra, expected) => {
    expect(event(mapResource(encounter(extra), context))).toMatchObject({ type: 'session.recorded', sessionId: 'e1', ...expected });
  });

  it('records nothing for an encounter in progress, and refuses entered-in-error', () => {
    const planned = mapResource(encounter({ status: 'in-progress' }), context);
    recordsNothing(planned);
    expect(notes(planned)).toMatch(/records nothing yet/);
    expect(failure(mapResource(encounter({ status: 'entered-in-error' }), context))).toMatchObject({ status: 422, expression: 'Encounter.status' });
  });

  it('leaves the modality out when neither class nor type says it', () => {
    expect(event(mapResource(encounter({}), context))).not.toHaveProperty('modality');
  });
});

describe('Goal → goal.set, goal.reviewed, goal.closed', () => {
  it('prefers the goal-setting-mode extension to expressedBy, and notes an inference', () => {
    const stated = mapResource(goal({ expressedBy: subject, extension: [{ url: `${SD}goal-setting-mode`, valueCode: 'directive' }, { url: `${SD}responsible-counselor`, valueReference: co }] }), context);
    expect(event(stated)).toMatchObject({ type: 'goal.set', mode: 'directive', counselorId: 'co-1' });
    expect(notes(stated)).not.toMatch(/inferred/);
    const inferred = mapResource(goal({ extension: [{ url: `${SD}responsible-counselor`, valueReference: co }], expressedBy: subject }), context);
    expect(event(inferred)).toMatchObject({ mode: 'collaborative' });
    expect(notes(inferred)).toMatch(/"collaborative" inferred from expressedBy Patient/);
    expect(failure(mapResource(goal({ expressedBy: { reference: 'RelatedPerson/r1' }, extension: [{ url: `${SD}responsible-counselor`, valueReference: co }] }), context))).toMatchObject({
      status: 422,
      expression: `Goal.extension('${SD}goal-setting-mode')`,
    });
  });

  it('reads the domain from our code system and the weight from the priority; a FHIR date is noon in the clinic zone', () => {
    const set = event(mapResource(goal({ category: [{ coding: [{ system: `${CS}goal-domain`, code: 'employment_education' }] }], priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-priority', code: 'medium-priority' }] } }), context));
    expect(set).toMatchObject({ domain: 'employment_education', weight: 2, mode: 'directive', occurredAt: '2026-03-02T12:00:00-05:00' });
    expect(event(mapResource(goal({}), { ...context, timeZone: 'Asia/Tokyo' }))).toMatchObject({ domain: 'other', weight: 1, occurredAt: '2026-03-02T12:00:00+09:00' });
    expect(failure(mapResource(goal({ startDate: '2026-03' }), context))).toMatchObject({ status: 422, expression: 'Goal.startDate' });
    expect(failure(mapResource(goal({ startDate: '2026-02-30' }), context))).toMatchObject({ status: 422, expression: 'Goal.startDate' });
  });

  it.each([
    ['2026-03-08', 'America/New_York', '2026-03-08T12:00:00-04:00'], // the day DST starts, at 2 am
    ['2026-11-01', 'America/New_York', '2026-11-01T12:00:00-05:00'], // the day it ends
    ['2026-03-08', 'Asia/Kolkata', '2026-03-08T12:00:00+05:30'],
    ['2026-03-08', 'UTC', '2026-03-08T12:00:00+00:00'],
  ])('reads the FHIR date %s as noon in %s', (startDate, timeZone, occurredAt) => {
    expect(event(mapResource(goal({ startDate }), { ...context, timeZone }))).toMatchObject({ occurredAt });
  });

  it.each([
    [{ lifecycleStatus: 'active', achievementStatus: { coding: [{ system: LOINC, code: 'LA34480-6' }] } }, { type: 'goal.reviewed', level: 1 }],
    [{ lifecycleStatus: 'completed', achievementStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'not-achieved' }] } }, { type: 'goal.closed', outcome: 'not_achieved' }],
    [{ lifecycleStatus: 'completed', achievementStatus: { coding: [{ system: LOINC, code: 'LA34483-0' }] } }, { type: 'goal.closed', outcome: 'not_achieved', level: -1 }],
    [{ lifecycleStatus: 'completed', achievementStatus: { coding: [{ system: LOINC, code: 'LA34481-4' }] } }, { type: 'goal.closed', outcome: 'achieved', level: 0 }],
    [{ lifecycleStatus: 'cancelled' }, { type: 'goal.closed', outcome: 'abandoned' }],
  ])('%j → %j', (extra, expected) => {
    expect(event(mapResource(goal({ statusDate: '2026-05-01', ...extra }), context))).toMatchObject({ goalId: 'g1', occurredAt: '2026-05-01T12:00:00-04:00', ...expected });
  });

  it('drops the PCO GAS scale (free-text level descriptions) and says so', () => {
    const level = (code: string, text: string) => ({
      url: 'http://hl7.org/fhir/us/pco/StructureDefinition/pco-goal-attainment-scaling',
      extension: [{ url: 'level', valueCoding: { system: LOINC, code } }, { url: 'progressText', valueString: text }],
    });
    const mapped = mapResource(goal({ extension: [level('LA34481-4', 'walks twice a week'), level('LA34480-6', 'walks three times a week')] }), context);
    expect(JSON.stringify(event(mapped))).not.toMatch(/walks/);
    expect(notes(mapped)).toMatch(/the PCO GAS scale's 2 level descriptions are free text and were not stored/);
  });

  it('records nothing for a rejected goal and refuses a completed goal without an outcome', () => {
    recordsNothing(mapResource(goal({ lifecycleStatus: 'rejected' }), context));
    expect(failure(mapResource(goal({ lifecycleStatus: 'completed', statusDate: '2026-05-01' }), context))).toMatchObject({ status: 422, expression: 'Goal.achievementStatus' });
  });
});

describe('QuestionnaireResponse → measure.recorded', () => {
  const wai = 'https://outcomes.example/fhir/Questionnaire/wai-sr';
  it('reads the items by linkId for a canonical URL, with or without a version', () => {
    const items = [4, 4, 5, 3, 4, 4, 5, 3, 4, 4, 5, 3];
    expect(event(mapResource(questionnaireResponse(`${wai}|1.0`, items), context))).toMatchObject({ instrument: 'WAI-SR', items });
  });

  it('refuses unknown questionnaires, unfinished responses, missing and out-of-range items, naming the element', () => {
    expect(failure(mapResource(questionnaireResponse('http://loinc.org/q/44249-1', [1, 2]), context))).toMatchObject({ status: 422, expression: 'QuestionnaireResponse.questionnaire' });
    expect(failure(mapResource(questionnaireResponse(wai, Array(12).fill(3), { status: 'in-progress' }), context))).toMatchObject({ expression: 'QuestionnaireResponse.status' });
    expect(failure(mapResource(questionnaireResponse(wai, Array(11).fill(3)), context))).toMatchObject({ expression: "QuestionnaireResponse.item.where(linkId='12').answer" });
    expect(failure(mapResource(questionnaireResponse(wai, [...Array(11).fill(3), 6]), context))).toMatchObject({
      status: 422,
      expression: 'QuestionnaireResponse.item.answer',
      diagnostics: expect.stringMatching(/WAI-SR item must be a whole number from 1 to 5/),
    });
  });
});

describe('EpisodeOfCare → client.discharged', () => {
  const episode = (extra: Record<string, unknown>) => ({
    resourceType: 'EpisodeOfCare', id: 'ep1', meta: { versionId: '1' }, status: 'finished', patient: subject, careManager: co,
    period: { start: '2026-01-02T09:00:00-05:00', end: '2026-04-02T09:00:00-04:00' }, ...extra,
  });
  it('maps the TEDS-mirroring reason of a finished episode; other statuses record nothing', () => {
    const reason = { url: `${SD}discharge-reason`, valueCoding: { system: `${CS}discharge-reason`, code: 'incarcerated' } };
    expect(event(mapResource(episode({ extension: [reason] }), context))).toMatchObject({ type: 'client.discharged', reason: 'incarcerated', occurredAt: '2026-04-02T09:00:00-04:00' });
    recordsNothing(mapResource(episode({ status: 'active' }), context));
    expect(failure(mapResource(episode({}), context))).toMatchObject({ status: 422, expression: `EpisodeOfCare.extension('${SD}discharge-reason')` });
  });
});

describe('Patient → client.enrolled', () => {
  it('keeps the year of any FHIR date, defaults gender and substance to unknown and notes it', () => {
    const mapped = mapResource(patient({ birthDate: '1990' }), context);
    expect(event(mapped)).toMatchObject({ birthYear: 1990, gender: 'unknown', primarySubstance: 'unknown', referral: 'mandated', occurredAt: '2026-03-01T09:00:00-05:00' });
    expect(notes(mapped)).toMatch(/no primary-substance extension/);
    expect(event(mapResource(patient({}), context))).not.toHaveProperty('birthYear');
  });

  it('names the element behind an event-contract violation', () => {
    expect(failure(mapResource(patient({ birthDate: '1850-01-01' }), context))).toMatchObject({ status: 422, expression: 'Patient.birthDate' });
    expect(failure(mapResource(patient({ birthDate: '1 May 1990' }), context))).toMatchObject({ status: 400, expression: 'Patient.birthDate' });
  });
});

describe('event ids', () => {
  it('derive from type, logical id and version; without a version, from the mapped facts', () => {
    expect(event(mapResource(encounter({}), context))!.id).toBe('fhir:enc:e1:1');
    const unversioned = (status: string) => event(mapResource(encounter({ meta: undefined, status }), context))!.id;
    expect(unversioned('finished')).toMatch(/^fhir:enc:e1:_[A-Za-z0-9_-]{16}$/);
    expect(unversioned('finished')).toBe(unversioned('finished'));
    expect(unversioned('cancelled')).not.toBe(unversioned('finished'));
  });
});

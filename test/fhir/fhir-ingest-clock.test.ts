// POST /fhir/r4 judges "not more than 24 h ahead" and the birth year by the app's injected clock,
// as POST /v1/events does (test/api/ingest-clock.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_A, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { bundleOf, countStoredEvents, encounter, postBundle, practitioner, type ResponseBundle } from './fhir-requests.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ now: () => new Date('2025-03-01T00:00:00Z') });
});
afterAll(() => p.close());

const SD = 'https://outcomes.example/fhir/StructureDefinition/';
const CS = 'https://outcomes.example/fhir/CodeSystem/';
const encounterAt = (id: string, start: string) => encounter(id, { subject: { reference: 'Patient/pt-clock' }, period: { start } });
const patient = (id: string, birthDate: string) => ({
  resourceType: 'Patient',
  id,
  meta: { versionId: '1', lastUpdated: '2025-02-28T09:00:00Z' },
  gender: 'female',
  birthDate,
  generalPractitioner: [practitioner],
  extension: [{ url: `${SD}referral-source`, valueCoding: { system: `${CS}referral-source`, code: 'self' } }],
});

describe('POST /fhir/r4 against the app clock', () => {
  it('refuses a transaction with an Encounter two days after the clock, and stores nothing', async () => {
    const before = await countStoredEvents(p.db);
    const res = await postBundle(p.app, p.ingestKeys[CLINIC_A], bundleOf('transaction', [encounterAt('now-e1', '2025-02-28T10:00:00Z'), encounterAt('late-e1', '2025-03-03T00:00:00Z')]));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/fhir+json');
    const outcome = await res.json();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue).toEqual([
      {
        severity: 'error',
        code: 'business-rule',
        diagnostics: 'must not be more than 24 hours in the future (event field occurredAt)',
        expression: ['Bundle.entry[1].resource.period.start'],
      },
    ]);
    expect(await countStoredEvents(p.db)).toBe(before);
  });

  it('answers such entries of a batch 422 and stores the others', async () => {
    const before = await countStoredEvents(p.db);
    const res = await postBundle(
      p.app,
      p.ingestKeys[CLINIC_A],
      bundleOf('batch', [encounterAt('late-e2', '2025-03-02T00:00:01Z'), encounterAt('now-e2', '2025-03-01T23:59:59Z'), patient('pt-born', '2026-01-01')]),
    );
    expect(res.status).toBe(200);
    const bundle: ResponseBundle = await res.json();
    expect(bundle.entry.map((e) => e.response.status)).toEqual(['422 Unprocessable Entity', '201 Created', '422 Unprocessable Entity']);
    expect(bundle.entry[2]!.response.outcome!.issue[0]).toMatchObject({ code: 'business-rule', diagnostics: 'must not be after the current year (event field birthYear)' });
    expect(await countStoredEvents(p.db)).toBe(before + 1);
  });
});

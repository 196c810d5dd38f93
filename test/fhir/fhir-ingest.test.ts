// POST /fhir/r4 and GET /fhir/r4/metadata against the real app on dynalite: transaction versus
// batch, idempotency by resource version, tenancy, auth and every error as an OperationOutcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_A, CLINIC_B, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { bearer } from '../support/requests.js';
import { clientTimeline } from '../../functions/store/client-timeline.js';
import { bundleOf, countStoredEvents, encounter, exampleBundle, postBundle, practitioner, renumbered, type ResponseBundle } from './fhir-requests.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const keyA = () => p.ingestKeys[CLINIC_A]!;
const statuses = (bundle: ResponseBundle) => bundle.entry.map((e) => e.response.status);
const diagnostics = (bundle: ResponseBundle, i: number) => bundle.entry[i]!.response.outcome?.issue.map((x) => x.diagnostics).join(' | ') ?? '';

const srs = (id: string, items: number[]) => ({
  resourceType: 'QuestionnaireResponse',
  id,
  meta: { versionId: '1' },
  questionnaire: 'https://outcomes.example/fhir/Questionnaire/srs',
  status: 'completed',
  subject: { reference: 'Patient/pt-1' },
  authored: '2026-03-02T10:50:00-05:00',
  author: practitioner,
  item: items.map((v, i) => ({ linkId: String(i + 1), text: 'item wording', answer: [{ valueDecimal: v }] })),
});

async function expectOutcome(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/fhir+json');
  const outcome = await res.json();
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue.length).toBeGreaterThan(0);
  return outcome as { issue: { severity: string; code: string; diagnostics: string; expression?: string[] }[] };
}

describe('POST /fhir/r4', () => {
  it('a transaction with one unmappable entry stores nothing and names the element', async () => {
    const before = await countStoredEvents(p.db);
    const res = await postBundle(p.app, keyA(), bundleOf('transaction', [encounter('tx-e1'), srs('tx-q1', [9, 9, 9])]));
    const outcome = await expectOutcome(res, 422);
    expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'processing', expression: ["Bundle.entry[1].resource.item.where(linkId='4').answer"] });
    expect(await countStoredEvents(p.db)).toBe(before);
  });

  it('a batch stores its good entries and answers each entry with its own status', async () => {
    const before = await countStoredEvents(p.db);
    const res = await postBundle(p.app, keyA(), bundleOf('batch', [encounter('b-e1'), srs('b-q1', [9, 9, 9]), srs('b-q2', [9, 8.5, 10, 7])]));
    expect(res.status).toBe(200);
    const bundle: ResponseBundle = await res.json();
    expect(bundle.type).toBe('batch-response');
    expect(statuses(bundle)).toEqual(['201 Created', '422 Unprocessable Entity', '201 Created']);
    expect(diagnostics(bundle, 2)).toMatch(/4 item text\(s\) dropped; item wording is never stored/);
    expect(await countStoredEvents(p.db)).toBe(before + 2);
  });

  it('the same resource version is a duplicate; a new version is the event its change means', async () => {
    const intake = renumbered(exampleBundle('intake-transaction'), 'idem');
    const first: ResponseBundle = await (await postBundle(p.app, keyA(), intake)).json();
    expect(new Set(statuses(first))).toEqual(new Set(['201 Created']));
    const again: ResponseBundle = await (await postBundle(p.app, keyA(), intake)).json();
    expect(new Set(statuses(again))).toEqual(new Set(['200 OK']));
    expect(diagnostics(again, 0)).toMatch(/already recorded as client.enrolled event fhir:pat:p-20417-idem:1/);

    const goal = intake.entry!.find((e) => e.resource?.resourceType === 'Goal')!.resource!;
    const completed = {
      ...goal,
      meta: { versionId: '2' },
      lifecycleStatus: 'completed',
      statusDate: '2026-11-03',
      achievementStatus: { coding: [{ system: 'http://loinc.org', code: 'LA34479-8' }] },
    };
    const closed: ResponseBundle = await (await postBundle(p.app, keyA(), bundleOf('batch', [completed]))).json();
    expect(statuses(closed)).toEqual(['201 Created']);
    const timeline = await clientTimeline(p.db, CLINIC_A, 'p-20417-idem');
    expect(timeline.filter((e) => e.type === 'goal.closed')).toEqual([
      // PCO IG: the realistic level 0 or better is achieved; LA34479-8 is +2.
      expect.objectContaining({ id: 'fhir:goal:goal-alcohol-idem:2', outcome: 'achieved', level: 2, occurredAt: '2026-11-03T12:00:00-05:00' }),
    ]);

    // Version 2 again with other content: a conflict, never an overwrite.
    const altered = { ...completed, achievementStatus: { coding: [{ system: 'http://loinc.org', code: 'LA34484-8' }] } };
    const conflict: ResponseBundle = await (await postBundle(p.app, keyA(), bundleOf('batch', [altered]))).json();
    expect(statuses(conflict)).toEqual(['409 Conflict']);
    const before = await countStoredEvents(p.db);
    const txConflict = await postBundle(p.app, keyA(), bundleOf('transaction', [encounter('tx-new'), altered]));
    expect((await expectOutcome(txConflict, 409)).issue[0]!.code).toBe('conflict');
    expect(await countStoredEvents(p.db)).toBe(before);
  });

  it('refuses a Bundle naming another clinic, and files every resource under the key’s clinic', async () => {
    const before = await countStoredEvents(p.db);
    const foreign = encounter('ten-e1', { serviceProvider: { reference: `Organization/${CLINIC_B}` } });
    const outcome = await expectOutcome(await postBundle(p.app, keyA(), bundleOf('batch', [encounter('ten-e0'), foreign])), 404);
    expect(outcome.issue[0]!.expression).toEqual(['Bundle.entry[1].resource.serviceProvider']);
    expect(await countStoredEvents(p.db)).toBe(before);

    const own = encounter('ten-e2', { serviceProvider: { reference: `Organization/${CLINIC_A}` }, subject: { reference: 'Patient/pt-ten' } });
    expect((await postBundle(p.app, keyA(), bundleOf('batch', [own]))).status).toBe(200);
    const viaB = encounter('ten-e3', { subject: { reference: 'Patient/pt-ten' } });
    expect((await postBundle(p.app, p.ingestKeys[CLINIC_B], bundleOf('batch', [viaB]))).status).toBe(200);
    expect((await clientTimeline(p.db, CLINIC_A, 'pt-ten')).map((e) => e.id)).toEqual(['fhir:enc:ten-e2:1']);
    expect((await clientTimeline(p.db, CLINIC_B, 'pt-ten')).map((e) => e.id)).toEqual(['fhir:enc:ten-e3:1']);
  });

  it('keeps the birth year only, drops names and contact data, and says so', async () => {
    const intake = renumbered(exampleBundle('intake-transaction'), 'priv');
    const res: ResponseBundle = await (await postBundle(p.app, keyA(), intake)).json();
    expect(diagnostics(res, 0)).toMatch(/4 value\(s\) not used by the platform were dropped and not stored \(identifier ×1, name ×1, telecom ×1, address ×1\)/);
    const [enrolled] = (await clientTimeline(p.db, CLINIC_A, 'p-20417-priv')).filter((e) => e.type === 'client.enrolled');
    expect(enrolled).toMatchObject({ birthYear: 1984, gender: 'female', primarySubstance: 'alcohol', referral: 'self' });
    expect(JSON.stringify(enrolled)).not.toMatch(/Alex|555-0100|Springfield|MRN|1984-06/);
    // The housing goal states no mode: inferred from expressedBy, and the response says so.
    expect(diagnostics(res, 6)).toMatch(/"directive" inferred from expressedBy Practitioner/);
  });

  it('hashes a long identity into a valid id, stably', async () => {
    const long = encounter('x'.repeat(64), { meta: { versionId: 'v'.repeat(64) }, subject: { reference: 'Patient/pt-long' } });
    expect(statuses(await (await postBundle(p.app, keyA(), bundleOf('batch', [long]))).json())).toEqual(['201 Created']);
    expect(statuses(await (await postBundle(p.app, keyA(), bundleOf('batch', [long]))).json())).toEqual(['200 OK']);
    const [event] = await clientTimeline(p.db, CLINIC_A, 'pt-long');
    expect(event!.id).toMatch(/^fhir:enc::[A-Za-z0-9_-]{43}$/);
  });

  it('resolves urn:uuid references to the entries’ logical ids', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:7f1c9c2e-0000-4000-8000-000000000001', resource: { resourceType: 'Patient', id: 'pt-urn' }, request: { method: 'POST', url: 'Patient' } },
        { fullUrl: 'urn:uuid:7f1c9c2e-0000-4000-8000-000000000002', resource: encounter('urn-e1', { subject: { reference: 'urn:uuid:7f1c9c2e-0000-4000-8000-000000000001' } }), request: { method: 'POST', url: 'Encounter' } },
      ],
    };
    // The Patient names no counselor: the transaction fails whole and names the element.
    const outcome = await expectOutcome(await postBundle(p.app, keyA(), bundle), 422);
    expect(outcome.issue[0]!.expression).toEqual(['Bundle.entry[0].resource.generalPractitioner']);
    expect(await clientTimeline(p.db, CLINIC_A, 'pt-urn')).toEqual([]);
    // Without its entry, the urn:uuid reference resolves to nothing.
    bundle.entry.shift();
    expect((await expectOutcome(await postBundle(p.app, keyA(), bundle), 422)).issue[0]!.expression).toEqual(['Bundle.entry[0].resource.subject']);
    const byId = { ...bundle, entry: [{ resource: encounter('urn-e1', { subject: { reference: 'Patient/pt-urn' } }), request: { method: 'POST', url: 'Encounter' } }] };
    expect((await postBundle(p.app, keyA(), byId)).status).toBe(200);
    expect((await clientTimeline(p.db, CLINIC_A, 'pt-urn')).map((e) => e.type)).toEqual(['session.recorded']);
  });

  it('refuses one resource version twice with different content in a Bundle, and caps the issues of a transaction', async () => {
    const twice: ResponseBundle = await (await postBundle(p.app, keyA(), bundleOf('batch', [encounter('twin'), encounter('twin', { status: 'cancelled' }), encounter('single')]))).json();
    expect(statuses(twice)).toEqual(['400 Bad Request', '400 Bad Request', '201 Created']);
    expect(twice.entry[0]!.response.outcome!.issue[0]).toMatchObject({ code: 'duplicate', expression: ['Encounter.meta.versionId'] });
    const garbage = bundleOf('transaction', Array.from({ length: 100 }, (_, i) => ({ resourceType: 'Encounter', id: `g${i}`, status: 'x', class: 1, subject: 2 })));
    const outcome = await expectOutcome(await postBundle(p.app, keyA(), garbage), 400);
    expect(outcome.issue).toHaveLength(100);
    expect(outcome.issue.at(-1)).toMatchObject({ severity: 'information', diagnostics: expect.stringMatching(/and 201 more issues/) });
  });

  it('answers a DELETE entry 422: events are append-only', async () => {
    const bundle = { resourceType: 'Bundle', type: 'batch', entry: [{ resource: encounter('del-1'), request: { method: 'DELETE', url: 'Encounter/del-1' } }] };
    const res: ResponseBundle = await (await postBundle(p.app, keyA(), bundle)).json();
    expect(statuses(res)).toEqual(['422 Unprocessable Entity']);
  });

  it('answers every request error with an OperationOutcome and its status', async () => {
    await expectOutcome(await postBundle(p.app, undefined, bundleOf('batch', [encounter('e')])), 401);
    const asDirector = await p.app.request('/fhir/r4', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', ...bearer(p.tokens.director) },
      body: JSON.stringify(bundleOf('batch', [encounter('e')])),
    });
    await expectOutcome(asDirector, 403);
    await expectOutcome(await postBundle(p.app, keyA(), bundleOf('batch', [encounter('e')]), 'text/plain'), 415);
    await expectOutcome(await postBundle(p.app, keyA(), '{"resourceType": "Bundle",'), 400);
    const collection = await expectOutcome(await postBundle(p.app, keyA(), { ...bundleOf('batch', [encounter('e')]), type: 'collection' }), 400);
    expect(collection.issue[0]!.expression).toEqual(['Bundle.type']);
    await expectOutcome(await postBundle(p.app, keyA(), bundleOf('batch', Array.from({ length: 101 }, (_, i) => encounter(`many-${i}`)))), 400);
    await expectOutcome(await postBundle(p.app, keyA(), bundleOf('batch', [{ ...encounter('big'), pad: 'x'.repeat(1100 * 1024) }])), 413);
    await expectOutcome(await p.app.request('/fhir/r4/Patient', { headers: { 'x-api-key': keyA() } }), 404);
  });
});

describe('GET /fhir/r4/metadata', () => {
  it('describes the mapped resources and the transaction and batch interactions', async () => {
    const res = await p.app.request('/fhir/r4/metadata', { headers: { 'x-api-key': keyA() } });
    expect(res.status).toBe(200);
    const statement = await res.json();
    expect(statement).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance' });
    expect(statement.rest[0].resource.map((r: { type: string }) => r.type)).toEqual(['Patient', 'Encounter', 'Goal', 'Observation', 'QuestionnaireResponse', 'EpisodeOfCare']);
    expect(statement.rest[0].interaction).toEqual([{ code: 'transaction' }, { code: 'batch' }]);
    await expectOutcome(await p.app.request('/fhir/r4/metadata'), 401);
  });

  it('is listed in the OpenAPI document with POST /fhir/r4', async () => {
    const paths = (await (await p.app.request('/openapi.json')).json()).paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/fhir/r4', '/fhir/r4/metadata']));
  });

  it('never needed the 5xx path', () => {
    expect(p.unexpectedErrors).toEqual([]);
  });
});

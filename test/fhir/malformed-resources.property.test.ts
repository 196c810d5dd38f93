// Fuzzing POST /fhir/r4 (fast-check): whatever is malformed — the body, the Bundle, or one element
// the mappings read — answers a 4xx OperationOutcome that points into the Bundle, and stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLINIC_A, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { countStoredEvents, exampleBundle, postBundle, renumbered } from './fhir-requests.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

/** Elements each mapping reads and type-checks: a value of another JSON kind there is malformed. */
const TYPED: Record<string, string[][]> = {
  Patient: [['id'], ['gender'], ['birthDate'], ['generalPractitioner'], ['extension'], ['meta', 'versionId']],
  Encounter: [['id'], ['status'], ['class'], ['subject'], ['participant'], ['period'], ['subject', 'reference'], ['period', 'start']],
  Goal: [['id'], ['lifecycleStatus'], ['subject'], ['category'], ['priority'], ['startDate'], ['extension']],
  Observation: [['status'], ['code'], ['subject'], ['focus'], ['effectiveDateTime'], ['valueCodeableConcept'], ['code', 'coding']],
  QuestionnaireResponse: [['questionnaire'], ['status'], ['subject'], ['authored'], ['item'], ['author']],
};
/** Elements without which a resource cannot be mapped. */
const REQUIRED: Record<string, string[]> = {
  Patient: ['id'],
  Encounter: ['id', 'status', 'class', 'subject'],
  Goal: ['id', 'lifecycleStatus', 'subject'],
  Observation: ['id', 'status', 'code', 'subject', 'focus', 'effectiveDateTime', 'valueCodeableConcept'],
  QuestionnaireResponse: ['id', 'questionnaire', 'status', 'subject', 'authored'],
};

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const intake = exampleBundle('intake-transaction');
const entryCount = intake.entry!.length;
let run = 0;

type Mutation = { entry: number; pick: number; replacement: unknown; remove: boolean };

function mutate(m: Mutation) {
  const bundle = renumbered(intake, `fz${run++}`);
  const resource = bundle.entry![m.entry]!.resource as unknown as Record<string, unknown>;
  const type = resource.resourceType as string;
  if (m.remove) {
    const required = REQUIRED[type]!;
    delete resource[required[m.pick % required.length]!];
    return bundle;
  }
  const path = TYPED[type]![m.pick % TYPED[type]!.length]!;
  const parent = path.slice(0, -1).reduce((at, key) => at[key] as Record<string, unknown>, resource);
  const last = path.at(-1)!;
  const original = parent[last];
  // Another JSON kind than the original; a string where a string was is not necessarily malformed.
  parent[last] = kind(m.replacement) === kind(original) ? (kind(original) === 'string' ? 42 : 'malformed') : m.replacement;
  return bundle;
}

const mutation = fc.record({
  entry: fc.nat({ max: entryCount - 1 }),
  pick: fc.nat(),
  replacement: fc.jsonValue({ maxDepth: 2 }),
  remove: fc.boolean(),
});

async function expectRefusedWhole(res: Response) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get('content-type')).toBe('application/fhir+json');
  const outcome = await res.json();
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue.some((i: { severity: string }) => i.severity === 'error')).toBe(true);
  return outcome as { issue: { expression?: string[] }[] };
}

describe('malformed FHIR input (property)', () => {
  it('one malformed element fails the transaction with a 4xx naming its entry, and stores nothing', async () => {
    const before = await countStoredEvents(p.db);
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const outcome = await expectRefusedWhole(await postBundle(p.app, p.ingestKeys[CLINIC_A], mutate(m)));
        const located = outcome.issue.flatMap((i) => i.expression ?? []);
        expect(located.some((e) => e.startsWith(`Bundle.entry[${m.entry}]`))).toBe(true);
      }),
      { numRuns: 150, seed: 12 },
    );
    expect(await countStoredEvents(p.db)).toBe(before);
  }, 120_000);

  it('in a batch, the malformed entry is a 4xx with an OperationOutcome and only the good entries are stored', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const before = await countStoredEvents(p.db);
        const bundle = { ...mutate(m), type: 'batch' as const };
        const res = await postBundle(p.app, p.ingestKeys[CLINIC_A], bundle);
        expect(res.status).toBe(200);
        const entries: { response: { status: string; outcome?: { issue: { severity: string }[] } } }[] = (await res.json()).entry;
        const status = Number(entries[m.entry]!.response.status.slice(0, 3));
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(entries[m.entry]!.response.outcome!.issue[0]!.severity).toBe('error');
        const created = entries.filter((e) => e.response.status === '201 Created').length;
        expect(created).toBeLessThan(entryCount);
        expect(await countStoredEvents(p.db)).toBe(before + created);
      }),
      { numRuns: 40, seed: 21 },
    );
  }, 120_000);

  it('any JSON body that is not a good Bundle is a 4xx OperationOutcome, and stores nothing', async () => {
    const before = await countStoredEvents(p.db);
    const notABundle = fc.oneof(
      fc.jsonValue(),
      fc.record({ resourceType: fc.constant('Bundle'), type: fc.constantFrom('transaction', 'batch', 'collection'), entry: fc.array(fc.record({ resource: fc.jsonValue() }), { maxLength: 5 }) }),
    );
    await fc.assert(
      fc.asyncProperty(notABundle, async (body) => {
        const res = await postBundle(p.app, p.ingestKeys[CLINIC_A], body);
        // A batch of garbage entries is answered entry by entry; every entry is refused.
        if (res.status === 200) {
          const entries: { response: { status: string } }[] = (await res.json()).entry;
          expect(entries.every((e) => /^4\d\d /.test(e.response.status))).toBe(true);
        } else await expectRefusedWhole(res);
      }),
      { numRuns: 150, seed: 5 },
    );
    expect(await countStoredEvents(p.db)).toBe(before);
    expect(p.unexpectedErrors).toEqual([]);
  }, 120_000);
});

// 5,000 random and malformed requests: every one gets a 4xx problem, none a 5xx, none stores.
// Then the same from outside, over real HTTP on one kept-alive connection: Node's own limits too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLINIC_A, CLINIC_B, sampleEvents, type TestPlatform } from '../support/test-platform.js';
import { countItems } from '../support/count-items.js';
import { startPlatformOverHttp, type HttpClient } from '../support/http-server.js';

let p: TestPlatform;
let http: HttpClient;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ platform: p, http, close } = await startPlatformOverHttp());
});
afterAll(() => close());

const eventItemCount = () => countItems(p.db, 'EVENT#');

const valid = sampleEvents(CLINIC_A, 'prop').map((e) => ({ ...e })) as Record<string, unknown>[];
const knownKeys = new Set(valid.flatMap((e) => Object.keys(e)).concat(['events', 'weight', 'birthYear', 'modality', 'level']));

const validEvent = fc.constantFrom(...valid);

/** Each arbitrary is broken by construction, so no run can legitimately store anything. */
const brokenBody = fc.oneof(
  fc.json(),
  fc.string(),
  fc.tuple(validEvent, fc.string({ minLength: 1 }).filter((k) => !knownKeys.has(k) && k !== '__proto__'), fc.jsonValue()).map(([e, k, v]) => JSON.stringify({ ...e, [k]: v })),
  fc.tuple(validEvent, fc.nat()).map(([e, i]) => {
    const keys = Object.keys(e).filter((k) => !['weight', 'birthYear', 'modality', 'level'].includes(k));
    const copy = { ...e };
    delete copy[keys[i % keys.length]!];
    return JSON.stringify(copy);
  }),
  fc.tuple(validEvent, fc.constantFrom('id', 'clientId', 'counselorId', 'occurredAt', 'type', 'clinicId'), fc.oneof(fc.string().filter((s) => !/^[A-Za-z0-9._:-]{1,64}$/.test(s)), fc.integer(), fc.constant(null), fc.array(fc.string())))
    .map(([e, k, v]) => JSON.stringify({ ...e, [k]: v })),
  fc.tuple(fc.array(validEvent, { maxLength: 5 }), fc.jsonValue()).map(([events, junk]) => JSON.stringify({ events: [...events, { junk }] })),
  fc.tuple(validEvent, fc.integer({ min: -1000, max: 1000 }).filter((n) => n < -2 || n > 2)).map(([e, level]) => JSON.stringify({ ...valid[3], id: e.id, level })),
  fc.constant(JSON.stringify({ events: Array.from({ length: 101 }, (_, i) => ({ ...valid[1], id: `many-${i}` })) })),
  fc.constant(`{"events":[${'{"a":"b"},'.repeat(30_000)}{}]}`),
);

const anyBody = fc.oneof(brokenBody, validEvent.map((e) => JSON.stringify(e)));

const contentType = fc.oneof(
  fc.constant('application/json'),
  fc.constant('application/json; charset=utf-8'),
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', ''),
  fc.string(),
);

const credentials = (validKey: boolean) =>
  validKey
    ? fc.constant({ 'x-api-key': p.ingestKeys[CLINIC_A]! })
    : fc.oneof(
        fc.constant({}),
        fc.string().map((k) => ({ 'x-api-key': k })),
        fc.string().map((t) => ({ authorization: `Bearer ${t}` })),
        fc.constant({ authorization: `Bearer ${p.tokens.director}` }),
        fc.constant({ 'x-api-key': p.ingestKeys[CLINIC_B]! }),
      );

// A well-formed body needs a broken key (or a foreign clinic); a broken body may come with any key.
const malformedRequest = () => fc.oneof(
  fc.record({ body: brokenBody, contentType, headers: fc.boolean().chain(credentials) }),
  fc.record({ body: anyBody, contentType: fc.constant('application/json'), headers: credentials(false) }),
);

const safeHeader = (value: string) => /^[\t\x20-\x7e]*$/.test(value);

describe('malformed requests', () => {
  it('get only 4xx problem responses and store nothing', async () => {
    const before = await eventItemCount();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(malformedRequest(), async ({ body, contentType, headers }) => {
        const sent: Record<string, string> = Object.fromEntries(Object.entries(headers).filter(([, v]) => safeHeader(v)));
        if (safeHeader(contentType)) sent['content-type'] = contentType;
        const res = await p.app.request('/v1/events', { method: 'POST', headers: sent, body });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        const problem = await res.json();
        expect(problem.status).toBe(res.status);
      }),
      { numRuns: 5_000, seed: 20261125 },
    );
    expect(await eventItemCount()).toBe(before);
    expect(p.unexpectedErrors).toEqual([]);
    // The generators reach every rejection the endpoint has.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 401, 403, 404, 413, 415]));
  }, 120_000);
});

/** Headers Node's parser or limits refuse before the app sees the request. */
const outsideOnly = fc.oneof(
  fc.constant({}),
  fc.integer({ min: 17, max: 96 }).map((kb) => ({ authorization: `Bearer ${'t'.repeat(kb * 1024)}` })),
  fc.integer({ min: 17, max: 96 }).map((kb) => ({ 'x-api-key': 'k'.repeat(kb * 1024) })),
);
const oversizedBody = fc.integer({ min: 257, max: 600 }).map((kb) => JSON.stringify({ events: [{ ...valid[1], pad: 'x'.repeat(kb * 1024) }] }));

describe('ingest from outside, over real HTTP', () => {
  it('never answers 5xx, never accepts a broken body, and keeps serving on the same connection', async () => {
    const before = await eventItemCount();
    const storedIds = new Set<string>();
    const statuses = new Map<number, number>();
    const request = fc.oneof(
      { weight: 3, arbitrary: fc.record({ body: brokenBody, valid: fc.constant(false), extra: outsideOnly }) },
      { weight: 1, arbitrary: fc.record({ body: oversizedBody, valid: fc.constant(false), extra: fc.constant({}) }) },
      { weight: 1, arbitrary: fc.record({ body: validEvent.map((e) => JSON.stringify(e)), valid: fc.constant(true), extra: fc.constant({}) }) },
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ body, valid: isValid, extra }) => {
        const headers = { 'content-type': 'application/json', 'x-api-key': p.ingestKeys[CLINIC_A]!, ...extra };
        const res = await http.request('POST', '/v1/events', headers, body);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
        if (isValid && Object.keys(extra).length === 0) {
          expect(res.status).toBe(200);
          for (const id of JSON.parse(res.body).stored as string[]) storedIds.add(id);
        } else {
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.headers['content-type']).toBe('application/problem+json');
          expect(JSON.parse(res.body).status).toBe(res.status);
        }
      }),
      { numRuns: 300, seed: 20261126 },
    );
    expect(await eventItemCount()).toBe(before + storedIds.size);
    expect(p.unexpectedErrors).toEqual([]);
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 413, 431]));
  }, 120_000);
});

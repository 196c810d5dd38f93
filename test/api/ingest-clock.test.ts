// Ingest judges "not more than 24 h ahead" and the birth year by the app's injected clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_A, sampleEvents, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { postEvents } from '../support/requests.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ now: () => new Date('2025-03-01T00:00:00Z') });
});
afterAll(() => p.close());

describe('POST /v1/events against the app clock', () => {
  it('lists each event too far ahead of the clock, and stores nothing', async () => {
    const [enrolled, session] = sampleEvents(CLINIC_A, 'clock');
    const res = await postEvents(p.app, p.ingestKeys[CLINIC_A], {
      events: [enrolled, { ...session, occurredAt: '2025-03-02T00:00:01Z' }, { ...enrolled, id: 'clock-born', birthYear: 2026 }],
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      { index: 1, path: 'occurredAt', message: 'must not be more than 24 hours in the future' },
      { index: 2, path: 'birthYear', message: 'must not be after the current year' },
    ]);
    const ok = await postEvents(p.app, p.ingestKeys[CLINIC_A], { events: [enrolled, { ...session, occurredAt: '2025-03-01T23:59:59Z' }] });
    expect(await ok.json()).toEqual({ stored: [enrolled.id, session.id], duplicates: [] });
  });
});

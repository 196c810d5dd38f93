// Clinic settings: PUT replaces and needs every setting, PATCH changes some; zones are validated
// by the one time-zone rule (functions/events/time-zone.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { bearer } from '../support/requests.js';
import { fakeClock } from '../support/fake-clock.js';
import { getClinic } from '../../functions/store/clinics.js';

const clock = fakeClock('2026-05-01T08:00:00.000Z');
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
});
afterAll(() => p.close());

const send = async (method: string, clinicId: string, body: unknown) => {
  const res = await p.app.request(`/v1/admin/clinics/${clinicId}`, {
    method,
    headers: { ...bearer(p.tokens.admin), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

describe('clinic settings', () => {
  it('PUT creates with both settings', async () => {
    const { status, body } = await send('PUT', 'lakeside', { timeZone: 'Europe/Berlin', researchConsent: false });
    expect(status).toBe(200);
    expect(body).toEqual({ clinicId: 'lakeside', timeZone: 'Europe/Berlin', researchConsent: false, updatedAt: clock.now().toISOString() });
  });

  it.each([
    ['only research consent', { researchConsent: true }],
    ['only a time zone', { timeZone: 'Asia/Tokyo' }],
    ['nothing', {}],
    ['an unknown zone', { timeZone: 'Mars/Olympus', researchConsent: true }],
    ['an unknown field', { timeZone: 'Europe/Berlin', researchConsent: true, name: 'Lakeside' }],
  ])('PUT with %s is a 400 and changes nothing', async (_what, body) => {
    const before = await getClinic(p.db, 'lakeside');
    const res = await send('PUT', 'lakeside', body);
    expect(res.status).toBe(400);
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(await getClinic(p.db, 'lakeside')).toEqual(before);
  });

  it('PATCH changes only what it names', async () => {
    clock.advance(60_000);
    const consent = await send('PATCH', 'lakeside', { researchConsent: true });
    expect(consent).toEqual({
      status: 200,
      body: { clinicId: 'lakeside', timeZone: 'Europe/Berlin', researchConsent: true, updatedAt: clock.now().toISOString() },
    });
    const zone = await send('PATCH', 'lakeside', { timeZone: 'America/Chicago' });
    expect(zone.body).toMatchObject({ timeZone: 'America/Chicago', researchConsent: true });
    expect(await getClinic(p.db, 'lakeside')).toMatchObject({ timeZone: 'America/Chicago', researchConsent: true });
  });

  it.each([
    ['nothing', {}],
    ['an unknown zone', { timeZone: 'Europe/Atlantis' }],
    ['a consent that is not a boolean', { researchConsent: 'yes' }],
  ])('PATCH with %s is a 400 and changes nothing', async (_what, body) => {
    const before = await getClinic(p.db, 'lakeside');
    expect((await send('PATCH', 'lakeside', body)).status).toBe(400);
    expect(await getClinic(p.db, 'lakeside')).toEqual(before);
  });

  it('PATCH of a clinic that does not exist is a 404 and creates nothing', async () => {
    expect((await send('PATCH', 'nowhere', { researchConsent: true })).status).toBe(404);
    expect(await getClinic(p.db, 'nowhere')).toBeUndefined();
  });
});

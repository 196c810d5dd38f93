// Ingest keys through the admin API: created, listed without secrets, revoked (401 at once), and
// every creation and revocation audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_A, CLINIC_B, sampleEvents, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { bearer, postEvents } from '../support/requests.js';
import { fakeClock } from '../support/fake-clock.js';

const clock = fakeClock('2026-06-15T09:00:00.000Z');
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
});
afterAll(() => p.close());

const admin = async (method: string, path: string) => {
  const res = await p.app.request(path, { method, headers: bearer(p.tokens.admin) });
  return { status: res.status, body: await res.json() };
};
const keysOf = (clinicId: string) => `/v1/admin/clinics/${clinicId}/ingest-keys`;

describe('ingest keys', () => {
  it('creates, lists, revokes with effect at once, and audits both actions', async () => {
    const created = await admin('POST', keysOf(CLINIC_B));
    expect(created.status).toBe(201);
    const { secret, ...key } = created.body;
    expect(key).toEqual({ keyId: expect.any(String), clinicId: CLINIC_B, createdAt: clock.now().toISOString(), revokedAt: null });
    expect(secret).toMatch(/^ok_/);

    const listed = await admin('GET', keysOf(CLINIC_B));
    expect(listed.status).toBe(200);
    expect(listed.body.keys).toContainEqual(key);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const event = sampleEvents(CLINIC_B, 'revoked')[1];
    expect((await postEvents(p.app, secret, event)).status).toBe(200);

    clock.advance(5_000);
    const revoked = await admin('DELETE', `${keysOf(CLINIC_B)}/${key.keyId}`);
    expect(revoked).toEqual({ status: 200, body: { ...key, revokedAt: clock.now().toISOString() } });
    const refused = await postEvents(p.app, secret, { ...event, id: 'after-revoke' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect((await admin('GET', keysOf(CLINIC_B))).body.keys).toContainEqual(revoked.body);
    // The clinic's other key is untouched.
    expect((await postEvents(p.app, p.ingestKeys[CLINIC_B], { ...event, id: 'other-key' })).status).toBe(200);

    // Revoking again keeps the first time.
    clock.advance(5_000);
    expect((await admin('DELETE', `${keysOf(CLINIC_B)}/${key.keyId}`)).body.revokedAt).toBe(revoked.body.revokedAt);

    const day = clock.now().toISOString().slice(0, 10);
    const { body: audit } = await admin('GET', `/v1/admin/audit?day=${day}`);
    const about = audit.entries.filter((e: { subject?: { keyId?: string } }) => e.subject?.keyId === key.keyId);
    expect(about.map((e: { action: string }) => e.action)).toEqual(['ingest-key.create', 'ingest-key.revoke', 'ingest-key.revoke']);
    expect(about[0]).toMatchObject({ actor: 'user-admin', role: 'admin', scope: [CLINIC_B], purpose: 'operations' });
  });

  it('answers 404 for a key of another clinic, an unknown key or an unknown clinic, and 400 for a malformed id', async () => {
    const { body: key } = await admin('POST', keysOf(CLINIC_A));
    expect((await admin('DELETE', `${keysOf(CLINIC_B)}/${key.keyId}`)).status).toBe(404);
    expect((await postEvents(p.app, key.secret, sampleEvents(CLINIC_A, 'still-valid')[1])).status).toBe(200);
    expect((await admin('DELETE', `${keysOf(CLINIC_A)}/6f1c2d1e-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await admin('GET', keysOf('no-such-clinic'))).status).toBe(404);
    expect((await admin('DELETE', `${keysOf(CLINIC_A)}/not-a-uuid`)).status).toBe(400);
  });
});

// SPEC §6: a people token carries `exp`, lives at most 24 h, and is not issued more than 60 s
// ahead. Judged against the app's injected clock, so the test moves time instead of waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, SignJWT } from 'jose';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { bearer } from '../support/requests.js';
import { fakeClock } from '../support/fake-clock.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken } from '../../functions/api/auth/token-verifier.js';

const clock = fakeClock('2026-03-10T12:00:00.000Z');
const nowS = () => Math.floor(clock.now().getTime() / 1000);
const HOUR = 3600;

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
});
afterAll(() => p.close());

/** An admin token with exactly the given times; absent ones are left out. */
const tokenWith = ({ iat, exp }: { iat?: number; exp?: number }) => {
  const jwt = new SignJWT({ sub: 'admin-x', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE);
  if (iat !== undefined) jwt.setIssuedAt(iat);
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(p.secret);
};
const statusWith = async (token: string) => (await p.app.request('/v1/admin/clinics', { headers: bearer(token) })).status;

describe('people token lifetime', () => {
  it.each([
    ['no exp', () => ({ iat: nowS() })],
    ['an exp in the year 3000', () => ({ iat: nowS(), exp: Date.parse('3000-01-01T00:00:00Z') / 1000 })],
    ['an iat a year ahead', () => ({ iat: nowS() + 365 * 24 * HOUR, exp: nowS() + 365 * 24 * HOUR + HOUR })],
    ['an iat 61 s ahead', () => ({ iat: nowS() + 61, exp: nowS() + HOUR })],
    ['a lifetime of 24 h and 1 s', () => ({ iat: nowS(), exp: nowS() + 24 * HOUR + 1 })],
    ['no iat and 25 h still to run', () => ({ exp: nowS() + 25 * HOUR })],
    ['an exp just past', () => ({ iat: nowS() - HOUR, exp: nowS() - 1 })],
  ])('refuses a token with %s', async (_what, times) => {
    expect(await statusWith(await tokenWith(times()))).toBe(401);
  });

  it.each([
    ['a lifetime of exactly 24 h', () => ({ iat: nowS(), exp: nowS() + 24 * HOUR })],
    ['an iat 60 s ahead (clock skew)', () => ({ iat: nowS() + 60, exp: nowS() + HOUR })],
    ['no iat and 1 h to run', () => ({ exp: nowS() + HOUR })],
  ])('accepts a token with %s', async (_what, times) => {
    expect(await statusWith(await tokenWith(times()))).toBe(200);
  });

  it('signs local tokens with iat and an exp at most 24 h later, by the injected clock, and they expire', async () => {
    const token = await signLocalToken(p.secret, { sub: 'a', role: 'admin' }, { now: clock.now() });
    const { iat, exp } = decodeJwt(token);
    expect(iat).toBe(nowS());
    expect(exp! - iat!).toBe(24 * HOUR);
    expect(await statusWith(token)).toBe(200);
    clock.advance(24 * HOUR * 1000 + 1000);
    expect(await statusWith(token)).toBe(401);
    await expect(signLocalToken(p.secret, { sub: 'a', role: 'admin' }, { lifetimeSeconds: 25 * HOUR })).rejects.toThrow(/24 hours/);
  });
});

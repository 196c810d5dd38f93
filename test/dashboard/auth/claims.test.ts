// The claims the dashboard reads from a token to pick views: local tokens and Cognito ID tokens.
import { describe, expect, it } from 'vitest';
import { claimsOf } from '../../../dashboard/src/auth/claims.js';
import { signLocalToken } from '../../../functions/api/auth/token-verifier.js';

const unsigned = (payload: object) => `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('claimsOf', () => {
  it('reads a local token', async () => {
    const token = await signLocalToken(new Uint8Array(32), { sub: 'd-1', role: 'director', clinics: ['riverside', 'prairie'] }, { lifetimeSeconds: 3600 });
    const claims = claimsOf(token)!;
    expect(claims).toMatchObject({ subject: 'd-1', role: 'director', clinics: ['riverside', 'prairie'] });
    expect(claims.expiresAt! - Date.now()).toBeLessThanOrEqual(3600_000);
  });

  it('reads a Cognito ID token’s custom attributes, clinics comma-separated', () => {
    const token = unsigned({ sub: 'u-9', 'custom:role': 'counselor', 'custom:clinics': 'riverside', 'custom:counselorId': 'riverside.co002', exp: 2_000_000_000 });
    expect(claimsOf(token)).toEqual({ subject: 'u-9', role: 'counselor', clinics: ['riverside'], counselorId: 'riverside.co002', expiresAt: 2_000_000_000_000 });
  });

  it('refuses what is not a token of a known role', () => {
    expect(claimsOf('not-a-token')).toBeUndefined();
    expect(claimsOf(unsigned({ sub: 'x', role: 'superuser' }))).toBeUndefined();
    expect(claimsOf(unsigned({ sub: 'x' }))).toBeUndefined();
    expect(claimsOf('a.%%%.c')).toBeUndefined();
  });
});

// The real local platform as `npm start` runs it, in memory with the demo data set, plus a way to
// call its API directly with the same people the sign-in page offers.
import { randomBytes } from 'node:crypto';
import { startLocalPlatform } from '../../../functions/local/local-platform.js';
import { localConfigFromEnv } from '../../../functions/local/local-config.js';
import { signLocalToken } from '../../../functions/api/auth/token-verifier.js';

/** `env` overrides the local configuration (e.g. DATA_DIR for the export files). */
export async function startDashboardPlatform(env: Record<string, string> = {}) {
  const secret = randomBytes(32).toString('base64url');
  process.env.TABLE_NAME = `e2e-${randomBytes(4).toString('hex')}`;
  const platform = await startLocalPlatform(
    { ...localConfigFromEnv({ PORT: '0', DYNALITE_PORT: '0', AGGREGATE_EVERY_SECONDS: '0', JWT_SECRET: secret, ...env }), inMemory: true },
    () => {},
  );
  const key = new TextEncoder().encode(secret);
  const tokenFor = (claims: { sub: string; role: string; clinics?: string[]; counselorId?: string }) => signLocalToken(key, claims, { lifetimeSeconds: 3600 });
  const api = async <T>(claims: Parameters<typeof tokenFor>[0], path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${platform.baseUrl}${path}`, { headers: { authorization: `Bearer ${await tokenFor(claims)}` } });
    return { status: response.status, body: (await response.json()) as T };
  };
  return { ...platform, api };
}

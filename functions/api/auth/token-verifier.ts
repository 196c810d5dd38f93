// People's tokens are verified with jose: HS256 with a dev secret locally, Cognito's JWKS in AWS.
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { Principal } from './principal.js';
import { tokenClaimsSchema } from './token-claims.js';
import { MAX_TOKEN_LIFETIME_S, tokenLifetimeProblem } from './token-lifetime.js';

export type TokenVerifier = (token: string) => Promise<Principal | undefined>;

export interface TokenConfig {
  issuer: string;
  audience: string;
  /** HS256 secret (local) ... */
  secret?: Uint8Array;
  /** ... or a JWKS URL (Cognito). */
  jwksUrl?: string;
}

export const LOCAL_ISSUER = 'outcomes-local';
export const LOCAL_AUDIENCE = 'outcomes-dashboard';

/** `now` is the app's clock: expiry and issue times are judged against it. */
export function createTokenVerifier(config: TokenConfig, now: () => Date = () => new Date()): TokenVerifier {
  const key: Uint8Array | JWTVerifyGetKey = config.secret ?? createRemoteJWKSet(new URL(config.jwksUrl!));
  const algorithms = config.secret ? ['HS256'] : ['RS256'];
  return async (token) => {
    try {
      const currentDate = now();
      const { payload } = await jwtVerify(token, key as Uint8Array, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms,
        requiredClaims: ['exp'],
        currentDate,
      });
      if (tokenLifetimeProblem(payload, currentDate)) return undefined;
      const claims = tokenClaimsSchema.safeParse(payload);
      if (!claims.success) return undefined;
      const { subject, role, clinics, counselorId } = claims.data;
      return { kind: 'person', subject, role: role!, clinics, ...(counselorId ? { counselorId } : {}) };
    } catch {
      return undefined;
    }
  };
}

export function tokenConfigFromEnv(env = process.env): TokenConfig {
  if (env.JWT_JWKS_URL) {
    return { issuer: env.JWT_ISSUER ?? '', audience: env.JWT_AUDIENCE ?? '', jwksUrl: env.JWT_JWKS_URL };
  }
  if (!env.JWT_SECRET) throw new Error('Set JWT_JWKS_URL (with JWT_ISSUER and JWT_AUDIENCE) or JWT_SECRET');
  return {
    issuer: env.JWT_ISSUER ?? LOCAL_ISSUER,
    audience: env.JWT_AUDIENCE ?? LOCAL_AUDIENCE,
    secret: new TextEncoder().encode(env.JWT_SECRET),
  };
}

/** Local and test tokens only: in AWS, Cognito signs. Issued at `now`, good for at most 24 h. */
export async function signLocalToken(
  secret: Uint8Array,
  claims: { sub: string; role: string; clinics?: string[]; counselorId?: string },
  { now = new Date(), lifetimeSeconds = MAX_TOKEN_LIFETIME_S }: { now?: Date; lifetimeSeconds?: number } = {},
): Promise<string> {
  if (lifetimeSeconds > MAX_TOKEN_LIFETIME_S) throw new RangeError('A people token lives at most 24 hours (SPEC §6).');
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(secret);
}

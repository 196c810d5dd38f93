// SPEC §6: people tokens carry `exp`, live at most 24 h, and an `iat` more than 60 s ahead is
// refused. jose checks that `exp` is not past; these are the rules it leaves to us.
import type { JWTPayload } from 'jose';

export const MAX_TOKEN_LIFETIME_S = 24 * 60 * 60;
/** Clock skew allowed between the issuer and us. */
export const MAX_ISSUED_AHEAD_S = 60;

/** Why a verified token's times are refused, or undefined when they are fine. */
export function tokenLifetimeProblem({ exp, iat }: JWTPayload, now: Date): string | undefined {
  const nowS = Math.floor(now.getTime() / 1000);
  if (typeof exp !== 'number') return 'the token has no expiry';
  if (iat !== undefined && iat > nowS + MAX_ISSUED_AHEAD_S) return 'the token was issued in the future';
  // Without `iat` the lifetime still to run is what counts: a token good for a year is refused either way.
  if (exp - (iat ?? nowS) > MAX_TOKEN_LIFETIME_S) return 'the token lives longer than 24 hours';
  return undefined;
}

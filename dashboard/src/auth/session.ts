// Who is signed in, whichever way they signed in. The provider (local demo sign-in, or Cognito)
// is chosen by config.json at start.
import { type Claims, claimsOf } from './claims.js';

export type Session = { token: string; claims: Claims };

export interface SignInProvider {
  /** The token of a signed-in user, if any (completing a redirect sign-in when one is under way). */
  restore(): Promise<string | undefined>;
  /** Ends the session here and, in AWS, at the identity provider. */
  signOut(options: { expired?: boolean }): Promise<void>;
}

let provider: SignInProvider | undefined;
let session: Session | undefined;

export const currentSession = () => session;

export function startSession(token: string): Session | undefined {
  const claims = claimsOf(token);
  session = claims && (!claims.expiresAt || claims.expiresAt > Date.now()) ? { token, claims } : undefined;
  return session;
}

export async function restoreSession(chosen: SignInProvider): Promise<Session | undefined> {
  provider = chosen;
  const token = await provider.restore();
  return token ? startSession(token) : undefined;
}

export async function signOut(options: { expired?: boolean } = {}): Promise<void> {
  session = undefined;
  await provider?.signOut(options);
}

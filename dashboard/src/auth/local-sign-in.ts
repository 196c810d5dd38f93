// Local mode only: the local server lists its demo people and mints a fresh token for the one
// clicked (functions/local/local-sign-in.ts). The token lives in this tab's sessionStorage.
import * as z from 'zod/mini';
import type { SignInProvider } from './session.js';

const STORAGE_KEY = 'outcomes.localToken';

const peopleSchema = z.object({
  people: z.array(z.object({ personId: z.string(), role: z.string(), label: z.string(), scope: z.string() })),
});
type LocalPerson = z.infer<typeof peopleSchema>['people'][number];

export async function listLocalPeople(): Promise<LocalPerson[]> {
  const response = await fetch('/local/people');
  if (!response.ok) throw new Error(`Could not list the demo people (${response.status})`);
  return peopleSchema.parse(await response.json()).people;
}

export async function signInAs(personId: string): Promise<string> {
  const response = await fetch('/local/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personId }),
  });
  if (!response.ok) throw new Error(`Sign-in failed (${response.status})`);
  const { token } = z.object({ token: z.string() }).parse(await response.json());
  sessionStorage.setItem(STORAGE_KEY, token);
  return token;
}

export const localSignIn: SignInProvider = {
  restore: async () => sessionStorage.getItem(STORAGE_KEY) ?? undefined,
  signOut: async ({ expired }) => {
    sessionStorage.removeItem(STORAGE_KEY);
    location.hash = expired ? '#/sign-in?expired=1' : '#/sign-in';
  },
};

// Local mode only: the sign-in page lists the demo people `npm start` prints, and a click asks
// this route for a token for one of them, minted on the spot so it is always fresh and short-lived.
// It lives on the local server, never in the Lambda app: in AWS people sign in through Cognito.
import { Hono } from 'hono';
import { z } from 'zod';
import { signLocalToken } from '../api/auth/token-verifier.js';
import { problems } from '../api/problem.js';
import type { DemoPerson } from './demo-credentials.js';

// Local sign-ins last a working day; the API caps people's tokens at 24 h (SPEC §6).
const LOCAL_SESSION_SECONDS = 8 * 3600;

const signInBody = z.strictObject({ personId: z.string().min(1).max(64) });


export function localSignInRoutes(secret: Uint8Array, people: DemoPerson[]) {
  const routes = new Hono();
  routes.get('/local/people', (c) =>
    c.json({ people: people.map(({ personId, role, label, scope }) => ({ personId, role, label, scope })) }),
  );
  routes.post('/local/sign-in', async (c) => {
    const body = signInBody.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) {
      return problems.invalid('Send {"personId": "<one of /local/people>"}.', body.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).toResponse(c.req.path);
    }
    const person = people.find((p) => p.personId === body.data.personId);
    if (!person) return problems.notFound('No such demo person.').toResponse(c.req.path);
    return c.json({ token: await signLocalToken(secret, person.claims, { lifetimeSeconds: LOCAL_SESSION_SECONDS }) }, 200, { 'cache-control': 'no-store' });
  });
  return routes;
}

// Establishes the caller once per request. It decides nothing about access: `allow` does.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';
import { problems } from '../problem.js';
import { findIngestKey } from '../../store/ingest-keys.js';

const BEARER = /^Bearer\s+(\S+)$/i;

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const authorization = c.req.header('authorization');
  const apiKey = c.req.header('x-api-key');
  if (authorization) {
    const token = BEARER.exec(authorization)?.[1];
    const principal = token ? await c.var.deps.verifyToken(token) : undefined;
    if (!principal) throw problems.unauthenticated('The bearer token is missing, malformed, expired or not ours.');
    c.set('principal', principal);
  } else if (apiKey) {
    const key = await findIngestKey(c.var.deps.db, apiKey);
    if (!key) throw problems.unauthenticated('The ingest key is not known.');
    c.set('principal', { kind: 'ingest', keyId: key.keyId, clinicId: key.clinicId });
  }
  await next();
});

// Every route names who it admits; this middleware answers 401 (nobody), 403 (wrong kind of
// caller) or 404 (a clinic outside the caller's scope, so that its existence is not revealed).
// The rules themselves are the named functions of permissions.ts.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';
import { problems } from '../problem.js';
import type { Caller } from './principal.js';
import { canAccessClinic, isAdmitted } from './permissions.js';

export const allow = (...callers: Caller[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.var.principal;
    if (!principal) throw problems.unauthenticated();
    if (!isAdmitted(principal, callers)) throw problems.forbidden(`This endpoint is for: ${callers.join(', ')}.`);
    const clinicId = c.req.param('clinicId');
    if (clinicId !== undefined && !canAccessClinic(principal, clinicId)) throw problems.notFound('No such clinic.');
    await next();
  });

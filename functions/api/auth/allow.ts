// The access rules of SPEC §6 in one place. Every route names who it admits; this middleware
// answers 401 (nobody), 403 (wrong kind of caller) or 404 (a clinic outside the caller's scope,
// so that its existence is not revealed).
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';
import { problems } from '../problem.js';
import { callerOf, type Caller, type Principal } from './principal.js';

export function clinicInScope(principal: Principal, clinicId: string): boolean {
  if (principal.kind === 'ingest') return principal.clinicId === clinicId;
  return principal.role === 'admin' || principal.clinics.includes(clinicId);
}

export const allow = (...callers: Caller[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.var.principal;
    if (!principal) throw problems.unauthenticated();
    if (!callers.includes(callerOf(principal))) {
      throw problems.forbidden(`This endpoint is for: ${callers.join(', ')}.`);
    }
    const clinicId = c.req.param('clinicId');
    if (clinicId !== undefined && !clinicInScope(principal, clinicId)) throw problems.notFound('No such clinic.');
    await next();
  });

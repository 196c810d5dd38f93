import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { canAccessClinic } from '../auth/permissions.js';
import { requirePerson, type Person } from '../auth/principal.js';
import { problems } from '../problem.js';
import { idSchema } from '../../events/schema.js';
import { getDirectorScope, registerDirectorScope } from '../../store/director-scopes.js';
import { getNetworkView } from '../../store/network-view.js';
import { networkComparisonBody } from './network-comparison-body.js';
import { networkComparisonResponse } from './network-comparison-response.js';
import { problemResponses } from './problem-schema.js';

export const networkComparisonRoute = createRoute({
  method: 'get',
  path: '/v1/network/comparison',
  tags: ['Metrics'],
  summary: 'Collaborative vs directive across the network: stratified beside crude',
  description:
    'The Mantel–Haenszel odds ratio stratified by clinic over every clinic of the reader’s population (all clinics for directors and admins, clinics with research consent for researchers), beside the crude pooled one, both rounded (to 2 decimals, or coarser where 2 would single out a suppressed cell); and a per-clinic breakdown in which every count of 1–10 and enough complementary entries are suppressed (labelled only `suppressed`) that no combination of published views reveals one. ' +
    'Every director sees the same figures and cells; their own clinics are named by id and the others lettered. A director token of several clinics is protected against from the aggregation run after its first read; until then its breakdown is withheld with the reason.',
  security: [{ bearer: [] }],
  middleware: [allow('director', 'researcher', 'admin')] as const,
  request: {
    query: z.object({
      clinicId: idSchema.optional().openapi({ param: { name: 'clinicId', in: 'query' }, description: 'Directors: name only this one of your clinics (default: all of them)' }),
    }),
  },
  responses: {
    200: { description: 'The comparison', content: { 'application/json': { schema: networkComparisonResponse } } },
    ...problemResponses({ 401: 'Not signed in', 403: 'Not a director, researcher or admin', 404: 'Not aggregated yet (for a director: none of their clinics), or a clinic outside your scope' }),
  },
});

export function registerNetworkComparison(app: OpenAPIHono<AppEnv>) {
  app.openapi(networkComparisonRoute, async (c) => {
    const principal = requirePerson(c.var.principal);
    const { db, now } = c.var.deps;
    const stored = await getNetworkView(db, principal.role === 'researcher' ? 'research' : 'all');
    if (!stored) throw problems.notFound('No network figures yet: the aggregation has not run.');
    const director = principal.role === 'director';
    const { clinicId } = c.req.valid('query');
    if (director && clinicId && !canAccessClinic(principal, clinicId)) throw problems.notFound('No such clinic.');
    const named = director ? (clinicId ? [clinicId] : principal.clinics) : [];
    if (director && !stored.breakdown.some((r) => named.includes(r.clinicId))) throw problems.notFound('None of your clinics has been aggregated yet.');
    const breakdownWithheld = director ? await scopeNotYetProtected(db, principal, stored.asOf, now()) : null;
    const view = director ? 'director' : principal.role === 'researcher' ? 'research' : 'admin';
    return c.json(networkComparisonBody(stored, { view, ownClinics: named, breakdownWithheld }), 200);
  });
}

/**
 * Why a director's breakdown is withheld, or null. The suppression protects against every clinic
 * alone and against each multi-clinic scope registered before the run (store/director-scopes.ts):
 * a scope first seen now is registered, and shown the breakdown from the next run on.
 */
async function scopeNotYetProtected(db: DynamoDBDocumentClient, director: Person, asOf: string, at: Date): Promise<string | null> {
  if (new Set(director.clinics).size < 2) return null;
  const scope = await getDirectorScope(db, director.clinics);
  if (!scope) await registerDirectorScope(db, director.clinics, at.toISOString());
  if (scope && scope.registeredAt < asOf) return null;
  return 'withheld: the suppression protects against a director who knows all of these clinics from the next aggregation run on';
}

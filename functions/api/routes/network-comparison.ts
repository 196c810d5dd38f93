import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { canAccessClinic } from '../auth/permissions.js';
import { problems } from '../problem.js';
import { idSchema } from '../../events/schema.js';
import { getNetworkView, networkViewName } from '../../store/network-view.js';
import { networkComparisonResponse } from './metrics-schemas.js';
import { problemResponses } from './problem-schema.js';

export const networkComparisonRoute = createRoute({
  method: 'get',
  path: '/v1/network/comparison',
  tags: ['Metrics'],
  summary: 'Collaborative vs directive across the network: stratified beside crude',
  description:
    'The Mantel–Haenszel odds ratio stratified by clinic beside the crude pooled one, and a per-clinic breakdown with every cell of 1–10 suppressed (plus complementary cells). Clinics with a suppressed cell are left out of the stratified estimate and named in `excludedStrata`, since an odds ratio over them would let their cells be solved for. ' +
    'A director sees their clinic by id and the others as “Clinic A”, “Clinic B”… (`clinicId` picks which of theirs); a researcher sees only clinics with research consent; an admin sees every clinic, all lettered.',
  security: [{ bearer: [] }],
  middleware: [allow('director', 'researcher', 'admin')] as const,
  request: {
    query: z.object({
      clinicId: idSchema.optional().openapi({ param: { name: 'clinicId', in: 'query' }, description: 'Directors: which of your clinics to name' }),
    }),
  },
  responses: {
    200: { description: 'The comparison', content: { 'application/json': { schema: networkComparisonResponse } } },
    ...problemResponses({ 401: 'Not signed in', 403: 'Not a director, researcher or admin', 404: 'Not aggregated yet, or a clinic outside your scope' }),
  },
});

export function registerNetworkComparison(app: OpenAPIHono<AppEnv>) {
  app.openapi(networkComparisonRoute, async (c) => {
    const principal = c.var.principal!;
    if (principal.kind !== 'person') throw problems.forbidden('People only.');
    const { clinicId } = c.req.valid('query');
    let view = principal.role === 'researcher' ? networkViewName.research : networkViewName.all;
    if (principal.role === 'director') {
      const own = clinicId ?? principal.clinics[0];
      if (!own || !canAccessClinic(principal, own)) throw problems.notFound('No such clinic.');
      view = networkViewName.clinic(own);
    }
    const stored = await getNetworkView(c.var.deps.db, view);
    if (!stored) throw problems.notFound('No network figures yet: the aggregation has not run.');
    return c.json({ view: stored.view, asOf: stored.asOf, comparison: stored.comparison }, 200);
  });
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { canSeeCounselorComparisons } from '../auth/permissions.js';
import { clinicComparisonResponse, clinicParams } from './metrics-schemas.js';
import { problemResponses } from './problem-schema.js';
import { requireClinicView } from './clinic-metrics.js';

export const clinicComparisonRoute = createRoute({
  method: 'get',
  path: '/v1/clinics/{clinicId}/comparison',
  tags: ['Metrics'],
  summary: 'Collaborative vs directive goals in one clinic, with intervals',
  description:
    'Attainment and 90-day retention with Wilson intervals and the Newcombe interval of the difference; GAS T-score, WAI-SR and ORS change as Hedges’ g. A figure whose groups are too small is null with a reason. Directors also get one row per counselor.',
  security: [{ bearer: [] }],
  middleware: [allow('director', 'admin')] as const,
  request: { params: clinicParams },
  responses: {
    200: { description: 'The comparison', content: { 'application/json': { schema: clinicComparisonResponse } } },
    ...problemResponses({ 401: 'Not signed in', 403: 'Not a director or admin', 404: 'No such clinic in your scope, or not aggregated yet' }),
  },
});

export function registerClinicComparison(app: OpenAPIHono<AppEnv>) {
  app.openapi(clinicComparisonRoute, async (c) => {
    const { clinicId } = c.req.valid('param');
    const view = await requireClinicView(c.var.deps.db, clinicId);
    const forDirector = canSeeCounselorComparisons(c.var.principal!);
    return c.json(
      {
        clinicId,
        asOf: view.asOf,
        comparison: view.comparison,
        ...(forDirector ? { counselors: view.counselorComparisons } : {}),
      },
      200,
    );
  });
}

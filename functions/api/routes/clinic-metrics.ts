import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { problems } from '../problem.js';
import { getClinicView, type ClinicView } from '../../store/clinic-view.js';
import { clinicMetricsResponse, clinicParams } from './metrics-schemas.js';
import { problemResponses } from './problem-schema.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
  .optional();

const rangeQuery = z
  .object({
    from: month.openapi({ param: { name: 'from', in: 'query' }, description: 'First month of the trends (YYYY-MM, clinic zone)' }),
    to: month.openapi({ param: { name: 'to', in: 'query' }, description: 'Last month of the trends (YYYY-MM, clinic zone)' }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` must not be after `to`', path: ['from'] });

export const clinicMetricsRoute = createRoute({
  method: 'get',
  path: '/v1/clinics/{clinicId}/metrics',
  tags: ['Metrics'],
  summary: 'A clinic’s metrics by goal-setting mode, with monthly trends',
  description:
    'Served from the stored aggregate; nothing is recomputed from events on request. The headline figures are as of the aggregation; `from` and `to` select the months of the trends.',
  security: [{ bearer: [] }],
  middleware: [allow('director', 'admin')] as const,
  request: { params: clinicParams, query: rangeQuery },
  responses: {
    200: { description: 'The figures', content: { 'application/json': { schema: clinicMetricsResponse } } },
    ...problemResponses({ 400: 'Bad month range', 401: 'Not signed in', 403: 'Not a director or admin', 404: 'No such clinic in your scope, or not aggregated yet' }),
  },
});

/** The stored view of a clinic the caller may see, or a 404 that says why. */
export async function requireClinicView(db: DynamoDBDocumentClient, clinicId: string): Promise<ClinicView> {
  const view = await getClinicView(db, clinicId);
  if (!view) throw problems.notFound('No figures for this clinic yet: it is unknown, or the aggregation has not run since its first events.');
  return view;
}

export function registerClinicMetrics(app: OpenAPIHono<AppEnv>) {
  app.openapi(clinicMetricsRoute, async (c) => {
    const { clinicId } = c.req.valid('param');
    const { from, to } = c.req.valid('query');
    const view = await requireClinicView(c.var.deps.db, clinicId);
    const { counselors, monthlyTrends, ...metrics } = view.metrics;
    return c.json(
      {
        clinicId,
        timeZone: view.timeZone,
        asOf: view.asOf,
        clients: metrics.clients,
        metrics,
        counselors,
        monthlyTrends: monthlyTrends.filter((row) => (!from || row.period >= from) && (!to || row.period <= to)),
      },
      200,
    );
  });
}

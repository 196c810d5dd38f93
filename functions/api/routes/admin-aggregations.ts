import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { Problem } from '../problem.js';
import { problemResponses } from './problem-schema.js';

const reportSchema = z
  .object({
    status: z.literal('completed'),
    mode: z.enum(['full', 'day-turn', 'incremental']),
    asOf: z.string(),
    window: z.object({ from: z.string(), to: z.string() }),
    clinics: z.number().int(),
    eventsRead: z.number().int(),
    clientsDerived: z.number().int(),
    itemsRead: z.number().int(),
    itemsWritten: z.number().int(),
    durationMs: z.number().int(),
  })
  .openapi('AggregationReport');

export const runAggregationRoute = createRoute({
  method: 'post',
  path: '/v1/admin/aggregations',
  tags: ['Admin'],
  summary: 'Run the aggregation now',
  description: 'Brings every stored figure up to date with the events ingested so far, incrementally. 409 while another run holds the lease.',
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  responses: {
    200: { description: 'What the run did', content: { 'application/json': { schema: reportSchema } } },
    ...problemResponses({ 401: 'Not signed in', 403: 'Not an admin', 409: 'Another run is in progress' }),
  },
});

export function registerAdminAggregations(app: OpenAPIHono<AppEnv>) {
  app.openapi(runAggregationRoute, async (c) => {
    const report = await c.var.deps.aggregate();
    if (report.status !== 'completed') {
      throw new Problem({ status: 409, title: 'Aggregation busy', detail: 'Another run is in progress; try again when it has finished.' });
    }
    return c.json(report as z.infer<typeof reportSchema>, 200);
  });
}

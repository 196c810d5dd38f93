import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { lastRun } from '../../store/aggregation-runs.js';

const healthSchema = z
  .object({
    status: z.literal('ok'),
    time: z.string(),
    lastAggregationAt: z.string().nullable().openapi({ description: 'When the metrics were last brought up to date' }),
  })
  .openapi('Health');

export const healthRoute = createRoute({
  method: 'get',
  path: '/v1/health',
  tags: ['Health'],
  summary: 'Liveness, with a round trip to the store',
  responses: { 200: { description: 'Up', content: { 'application/json': { schema: healthSchema } } } },
});

export function registerHealth(app: OpenAPIHono<AppEnv>) {
  app.openapi(healthRoute, async (c) => {
    const run = await lastRun(c.var.deps.db);
    return c.json(
      { status: 'ok' as const, time: c.var.deps.now().toISOString(), lastAggregationAt: run?.completedAt ?? null },
      200,
    );
  });
}

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AppEnv } from '../app-env.js';
import { aggregationKeys } from '../../store/keys.js';
import { tableName } from '../../store/table.js';

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
    const { Item } = await c.var.deps.db.send(new GetCommand({ TableName: tableName(), Key: aggregationKeys.state() }));
    return c.json(
      { status: 'ok' as const, time: c.var.deps.now().toISOString(), lastAggregationAt: (Item?.completedAt as string) ?? null },
      200,
    );
  });
}

// Admin: start an aggregation run (asynchronous: 202 with a run id), read a run's status, and the
// overview of every clinic's freshness (SPEC §8: one clinic's failure never stalls another's
// figures, and an admin can see which clinic is behind and why).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { problems } from '../problem.js';
import { problemResponses } from './problem-schema.js';
import { adminOnly } from './admin-clinics.js';
import { getRun, lastRun, type AggregationRun } from '../../store/aggregation-runs.js';
import { clinicAggregations } from '../../store/clinic-aggregation.js';
import { listClinics } from '../../store/clinics.js';
import { STALE_AFTER_MS, clinicFreshness } from '../../aggregation/clinics-to-run.js';

const reportSchema = z
  .object({
    asOf: z.string(),
    full: z.boolean(),
    clinics: z.number().int().openapi({ description: 'Clinics with work, handed a task' }),
    clinicsRun: z.number().int(),
    clinicsFailed: z.number().int(),
    clinicsBusy: z.number().int().openapi({ description: 'Tasks that found the clinic leased by another task' }),
    eventsRead: z.number().int(),
    clientsDerived: z.number().int(),
    itemsRead: z.number().int(),
    itemsWritten: z.number().int(),
    networkMs: z.number().int().optional().openapi({ description: 'How long the network step took' }),
    startedAt: z.string().optional(),
    completedAt: z.string().optional(),
  })
  .openapi('AggregationReport');

const runSchema = z
  .object({
    runId: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    report: reportSchema.optional(),
    error: z.string().optional(),
  })
  .openapi('AggregationRun');

const overviewSchema = z
  .object({
    lastRun: runSchema.nullable(),
    clinics: z.array(
      z.object({
        clinicId: z.string(),
        status: z.enum(['fresh', 'stale', 'failing']),
        asOf: z.string().nullable().openapi({ description: 'The as-of time of the clinic’s stored figures' }),
        error: z.string().optional(),
      }),
    ),
  })
  .openapi('AggregationOverview');

export const startAggregationRoute = createRoute({
  tags: ['Admin'],
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  method: 'post',
  path: '/v1/admin/aggregations',
  summary: 'Start an aggregation run',
  description: 'Queues a run that brings every clinic with work up to date, then the network views. Answers at once; poll the run.',
  responses: {
    202: { description: 'The run is queued', content: { 'application/json': { schema: z.object({ runId: z.string() }) } } },
    ...adminOnly,
  },
});

export const aggregationRunRoute = createRoute({
  tags: ['Admin'],
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/aggregations/{runId}',
  summary: 'One aggregation run',
  request: { params: z.object({ runId: z.uuid().openapi({ param: { name: 'runId', in: 'path' } }) }) },
  responses: {
    200: { description: 'Its status, and its report once it has one', content: { 'application/json': { schema: runSchema } } },
    ...adminOnly,
    ...problemResponses({ 400: 'Not a run id', 404: 'No such run (runs are kept a week)' }),
  },
});

export const aggregationOverviewRoute = createRoute({
  tags: ['Admin'],
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/aggregations',
  summary: 'The last run, and every clinic’s freshness',
  description: `A clinic is failing when its last task failed (retried every run), stale when work has waited over ${STALE_AFTER_MS / 60_000} minutes, fresh otherwise.`,
  responses: {
    200: { description: 'The overview', content: { 'application/json': { schema: overviewSchema } } },
    ...adminOnly,
  },
});

const runView = (run: AggregationRun): z.infer<typeof runSchema> => {
  const { runId, status, error, pending: _pending, requestedAt: _requestedAt, ...report } = run;
  return { runId, status, ...(status === 'completed' || status === 'failed' ? { report } : {}), ...(error ? { error } : {}) };
};

export function registerAdminAggregations(app: OpenAPIHono<AppEnv>) {
  app.openapi(startAggregationRoute, async (c) => c.json(await c.var.deps.startAggregation(), 202));

  app.openapi(aggregationRunRoute, async (c) => {
    const run = await getRun(c.var.deps.db, c.req.valid('param').runId);
    if (!run) throw problems.notFound('No such aggregation run.');
    return c.json(runView(run), 200);
  });

  app.openapi(aggregationOverviewRoute, async (c) => {
    const { db, now } = c.var.deps;
    const [clinics, last] = await Promise.all([listClinics(db), lastRun(db)]);
    const states = await clinicAggregations(db, clinics.map((cl) => cl.clinicId));
    const at = now().toISOString();
    return c.json(
      {
        lastRun: last ? runView(last) : null,
        clinics: clinics.map((clinic) => {
          const state = states.get(clinic.clinicId);
          return {
            clinicId: clinic.clinicId,
            status: clinicFreshness(clinic, state, at),
            asOf: state?.asOf ?? null,
            ...(state?.error ? { error: state.error.message } : {}),
          };
        }),
      },
      200,
    );
  });
}

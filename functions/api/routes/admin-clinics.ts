import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { problems } from '../problem.js';
import { idSchema } from '../../events/schema.js';
import { DEFAULT_TIME_ZONE, timeZoneSchema } from '../../events/time-zone.js';
import { getClinic, listClinics, putClinic } from '../../store/clinics.js';
import { createIngestKey } from '../../store/ingest-keys.js';
import { appendAudit } from '../../store/audit-log.js';
import { problemResponses } from './problem-schema.js';


const clinicParams = z.object({ clinicId: idSchema.openapi({ param: { name: 'clinicId', in: 'path' } }) });

const clinicBodySchema = z
  .strictObject({
    timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
    researchConsent: z.boolean().default(false),
  })
  .openapi('ClinicSettings');

const clinicSchema = z
  .object({ clinicId: z.string(), timeZone: z.string(), researchConsent: z.boolean(), updatedAt: z.string() })
  .openapi('Clinic');

const ingestKeySchema = z
  .object({
    keyId: z.string(),
    clinicId: z.string(),
    createdAt: z.string(),
    secret: z.string().openapi({ description: 'Shown once; only its SHA-256 is stored' }),
  })
  .openapi('IngestKey');

const adminOnly = problemResponses({ 401: 'Not signed in', 403: 'Not an admin' });

export const putClinicRoute = createRoute({
  method: 'put',
  path: '/v1/admin/clinics/{clinicId}',
  tags: ['Admin'],
  summary: 'Create or update a clinic',
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  request: { params: clinicParams, body: { required: true, content: { 'application/json': { schema: clinicBodySchema } } } },
  responses: {
    200: { description: 'The clinic', content: { 'application/json': { schema: clinicSchema } } },
    ...adminOnly,
    ...problemResponses({ 400: 'Invalid settings' }),
  },
});

export const listClinicsRoute = createRoute({
  method: 'get',
  path: '/v1/admin/clinics',
  tags: ['Admin'],
  summary: 'List clinics',
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  responses: {
    200: { description: 'Clinics', content: { 'application/json': { schema: z.object({ clinics: z.array(clinicSchema) }) } } },
    ...adminOnly,
  },
});

export const createIngestKeyRoute = createRoute({
  method: 'post',
  path: '/v1/admin/clinics/{clinicId}/ingest-keys',
  tags: ['Admin'],
  summary: 'Create an ingest key for a clinic',
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  request: { params: clinicParams },
  responses: {
    201: { description: 'The new key; its secret is shown only now', content: { 'application/json': { schema: ingestKeySchema } } },
    ...adminOnly,
    ...problemResponses({ 404: 'No such clinic' }),
  },
});

export function registerAdminClinics(app: OpenAPIHono<AppEnv>) {
  app.openapi(putClinicRoute, async (c) => {
    const { clinicId } = c.req.valid('param');
    const clinic = { clinicId, ...c.req.valid('json'), updatedAt: c.var.deps.now().toISOString() };
    await putClinic(c.var.deps.db, clinic);
    return c.json(clinic, 200);
  });

  app.openapi(listClinicsRoute, async (c) => c.json({ clinics: await listClinics(c.var.deps.db) }, 200));

  app.openapi(createIngestKeyRoute, async (c) => {
    const { clinicId } = c.req.valid('param');
    const { db, now } = c.var.deps;
    if (!(await getClinic(db, clinicId))) throw problems.notFound('No such clinic.');
    const key = await createIngestKey(db, clinicId, now().toISOString());
    const principal = c.var.principal!;
    await appendAudit(db, {
      at: key.createdAt,
      actor: principal.kind === 'person' ? principal.subject : principal.keyId,
      role: 'admin',
      scope: [clinicId],
      action: 'ingest-key.create',
    });
    return c.json(key, 201);
  });
}

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { problems } from '../problem.js';
import { timeZoneSchema } from '../../events/time-zone.js';
import { getClinic, listClinics, putClinic, updateClinic } from '../../store/clinics.js';
import { clinicParams } from './metrics-schemas.js';
import { problemResponses } from './problem-schema.js';

// PUT replaces: both settings are required, so that leaving one out cannot silently reset it.
const clinicBodySchema = z
  .strictObject({
    timeZone: timeZoneSchema.openapi({ description: 'IANA time zone: days, weeks and months are counted in it' }),
    researchConsent: z.boolean(),
  })
  .openapi('ClinicSettings');

const clinicChangesSchema = clinicBodySchema
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, { message: 'name at least one setting to change' })
  .openapi('ClinicChanges');

const clinicSchema = z
  .object({ clinicId: z.string(), timeZone: z.string(), researchConsent: z.boolean(), updatedAt: z.string() })
  .openapi('Clinic');

export const adminOnly = problemResponses({ 401: 'Not signed in', 403: 'Not an admin' });

export const putClinicRoute = createRoute({
  method: 'put',
  path: '/v1/admin/clinics/{clinicId}',
  tags: ['Admin'],
  summary: 'Create a clinic, or replace all of its settings',
  description: 'Both `timeZone` and `researchConsent` are required; PATCH changes some of them.',
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  request: { params: clinicParams, body: { required: true, content: { 'application/json': { schema: clinicBodySchema } } } },
  responses: {
    200: { description: 'The clinic', content: { 'application/json': { schema: clinicSchema } } },
    ...adminOnly,
    ...problemResponses({ 400: 'A setting is missing or invalid' }),
  },
});

export const patchClinicRoute = createRoute({
  method: 'patch',
  path: '/v1/admin/clinics/{clinicId}',
  tags: ['Admin'],
  summary: 'Change some settings of a clinic',
  description: 'Settings left out keep their value.',
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  request: { params: clinicParams, body: { required: true, content: { 'application/json': { schema: clinicChangesSchema } } } },
  responses: {
    200: { description: 'The clinic', content: { 'application/json': { schema: clinicSchema } } },
    ...adminOnly,
    ...problemResponses({ 400: 'No setting given, or an invalid one', 404: 'No such clinic' }),
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

export function registerAdminClinics(app: OpenAPIHono<AppEnv>) {
  app.openapi(putClinicRoute, async (c) => {
    const { clinicId } = c.req.valid('param');
    const clinic = { clinicId, ...c.req.valid('json'), updatedAt: c.var.deps.now().toISOString() };
    await putClinic(c.var.deps.db, clinic);
    return c.json(clinic, 200);
  });

  app.openapi(patchClinicRoute, async (c) => {
    const { clinicId } = c.req.valid('param');
    const clinic = await updateClinic(c.var.deps.db, clinicId, c.req.valid('json'), c.var.deps.now().toISOString());
    if (!clinic) throw problems.notFound('No such clinic; PUT creates one.');
    return c.json(clinic, 200);
  });

  app.openapi(listClinicsRoute, async (c) => c.json({ clinics: await listClinics(c.var.deps.db) }, 200));
}

/** The clinic named in the path, or a 404. */
export async function requireClinic(db: AppEnv['Variables']['deps']['db'], clinicId: string) {
  if (!(await getClinic(db, clinicId))) throw problems.notFound('No such clinic.');
}

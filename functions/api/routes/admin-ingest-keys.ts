import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { problems } from '../problem.js';
import { createIngestKey, listIngestKeys, revokeIngestKey } from '../../store/ingest-keys.js';
import { appendAudit } from '../../store/audit-log.js';
import { requirePerson } from '../auth/principal.js';
import { problemResponses } from './problem-schema.js';
import { adminOnly, requireClinic } from './admin-clinics.js';
import { clinicParams } from './metrics-schemas.js';

const ingestKeySchema = z
  .object({
    keyId: z.string(),
    clinicId: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable().openapi({ description: 'When it was revoked; from then on it gets 401' }),
  })
  .openapi('IngestKey');

const newIngestKeySchema = ingestKeySchema
  .extend({ secret: z.string().openapi({ description: 'Shown once; only its SHA-256 is stored' }) })
  .openapi('NewIngestKey');

const keyParams = clinicParams.extend({ keyId: z.uuid().openapi({ param: { name: 'keyId', in: 'path' } }) });

export const createIngestKeyRoute = createRoute({
  method: 'post',
  path: '/v1/admin/clinics/{clinicId}/ingest-keys',
  tags: ['Admin'],
  summary: 'Create an ingest key for a clinic',
  description: 'Written to the audit log.',
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  request: { params: clinicParams },
  responses: {
    201: { description: 'The new key; its secret is shown only now', content: { 'application/json': { schema: newIngestKeySchema } } },
    ...adminOnly,
    ...problemResponses({ 404: 'No such clinic' }),
  },
});

export const listIngestKeysRoute = createRoute({
  method: 'get',
  path: '/v1/admin/clinics/{clinicId}/ingest-keys',
  tags: ['Admin'],
  summary: 'List a clinic’s ingest keys, revoked ones included',
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  request: { params: clinicParams },
  responses: {
    200: { description: 'The keys, oldest first; never their secrets', content: { 'application/json': { schema: z.object({ keys: z.array(ingestKeySchema) }) } } },
    ...adminOnly,
    ...problemResponses({ 404: 'No such clinic' }),
  },
});

export const revokeIngestKeyRoute = createRoute({
  method: 'delete',
  path: '/v1/admin/clinics/{clinicId}/ingest-keys/{keyId}',
  tags: ['Admin'],
  summary: 'Revoke an ingest key',
  description: 'From this answer on, the key gets 401. Revoking a revoked key changes nothing. Written to the audit log.',
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  request: { params: keyParams },
  responses: {
    200: { description: 'The revoked key', content: { 'application/json': { schema: ingestKeySchema } } },
    ...adminOnly,
    ...problemResponses({ 400: 'Malformed key id', 404: 'No such key for this clinic' }),
  },
});

export function registerAdminIngestKeys(app: OpenAPIHono<AppEnv>) {
  app.openapi(createIngestKeyRoute, async (c) => {
    const actor = requirePerson(c.var.principal).subject;
    const { clinicId } = c.req.valid('param');
    const { db, now } = c.var.deps;
    await requireClinic(db, clinicId);
    const key = await createIngestKey(db, clinicId, now().toISOString());
    await appendAudit(db, {
      at: key.createdAt,
      actor,
      role: 'admin',
      scope: [clinicId],
      action: 'ingest-key.create',
      subject: { keyId: key.keyId },
      purpose: 'operations',
    });
    return c.json(key, 201);
  });

  app.openapi(listIngestKeysRoute, async (c) => {
    const { clinicId } = c.req.valid('param');
    await requireClinic(c.var.deps.db, clinicId);
    return c.json({ keys: await listIngestKeys(c.var.deps.db, clinicId) }, 200);
  });

  app.openapi(revokeIngestKeyRoute, async (c) => {
    const actor = requirePerson(c.var.principal).subject;
    const { clinicId, keyId } = c.req.valid('param');
    const { db, now } = c.var.deps;
    const at = now().toISOString();
    const key = await revokeIngestKey(db, clinicId, keyId, at);
    if (!key) throw problems.notFound('No such ingest key for this clinic.');
    await appendAudit(db, {
      at,
      actor,
      role: 'admin',
      scope: [clinicId],
      action: 'ingest-key.revoke',
      subject: { keyId },
      purpose: 'operations',
    });
    return c.json(key, 200);
  });
}

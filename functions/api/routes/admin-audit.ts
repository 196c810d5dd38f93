import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { auditEntriesOn } from '../../store/audit-log.js';
import { problemResponses } from './problem-schema.js';

const auditEntrySchema = z
  .object({
    at: z.string(),
    actor: z.string(),
    role: z.string(),
    scope: z.array(z.string()),
    action: z.string(),
    purpose: z.string().optional(),
    rows: z.number().int().optional(),
    suppressedCells: z.number().int().optional(),
    checksums: z.array(z.string()).optional(),
  })
  .openapi('AuditEntry');

export const auditLogRoute = createRoute({
  method: 'get',
  path: '/v1/admin/audit',
  tags: ['Admin'],
  summary: 'The audit log of one UTC day',
  description: 'Every client-level read, export and key creation: who, role, scope, when, what, purpose and row counts (SPEC §7). Append-only.',
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  request: {
    query: z.object({
      day: z.iso.date().openapi({ param: { name: 'day', in: 'query' }, description: 'UTC day, YYYY-MM-DD' }),
    }),
  },
  responses: {
    200: { description: 'The entries, oldest first', content: { 'application/json': { schema: z.object({ day: z.string(), entries: z.array(auditEntrySchema) }) } } },
    ...problemResponses({ 400: 'No or malformed day', 401: 'Not signed in', 403: 'Not an admin' }),
  },
});

export function registerAdminAudit(app: OpenAPIHono<AppEnv>) {
  app.openapi(auditLogRoute, async (c) => {
    const { day } = c.req.valid('query');
    return c.json({ day, entries: await auditEntriesOn(c.var.deps.db, day) }, 200);
  });
}

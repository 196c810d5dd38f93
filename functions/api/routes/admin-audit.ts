import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { auditEntriesOn, auditPurposes } from '../../store/audit-log.js';
import { problemResponses } from './problem-schema.js';

const auditEntrySchema = z
  .object({
    at: z.string(),
    actor: z.string().openapi({ description: 'A token subject, or `cli:<user>` for a command run on the host' }),
    role: z.string(),
    scope: z.array(z.string()),
    action: z.string(),
    subject: z
      .object({ counselorId: z.string().optional(), clientId: z.string().optional(), keyId: z.string().optional() })
      .optional()
      .openapi({ description: 'Whose data was read (counselor; client for a timeline), or which key was acted on' }),
    purpose: z.enum(auditPurposes).optional(),
    rows: z.number().int().optional(),
    suppressedCells: z.number().int().optional(),
    checksums: z.array(z.string()).optional(),
  })
  .openapi('AuditEntry');

// The cursor is the opaque form of the last sort key served: `<at>#<entry id>`, on the asked day.
const encodeCursor = (sortKey: string) => Buffer.from(sortKey).toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');
const SORT_KEY = /^(\d{4}-\d{2}-\d{2})T[\d:.]+Z#[0-9a-f-]{36}$/;

const auditQuery = z
  .object({
    day: z.iso.date().openapi({ param: { name: 'day', in: 'query' }, description: 'UTC day, YYYY-MM-DD' }),
    cursor: z
      .string()
      .max(200)
      .optional()
      .openapi({ param: { name: 'cursor', in: 'query' }, description: 'The `nextCursor` of the previous page' }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(500)
      .default(100)
      .openapi({ param: { name: 'limit', in: 'query' }, description: 'Entries per page, 1–500 (default 100)' }),
  })
  .refine((q) => q.cursor === undefined || SORT_KEY.exec(decodeCursor(q.cursor))?.[1] === q.day, {
    message: 'is not a cursor of this day',
    path: ['cursor'],
  });

export const auditLogRoute = createRoute({
  method: 'get',
  path: '/v1/admin/audit',
  tags: ['Admin'],
  summary: 'The audit log of one UTC day, a page at a time',
  description:
    'Every client-level read, export and key action: who, role, scope, when, what, whose, purpose and row counts (SPEC §7). Append-only. Oldest first; follow `nextCursor` until it is null.',
  security: [{ bearer: [] }],
  middleware: [allow('admin')] as const,
  request: { query: auditQuery },
  responses: {
    200: {
      description: 'One page of entries, oldest first',
      content: {
        'application/json': {
          schema: z.object({ day: z.string(), entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() }).openapi('AuditPage'),
        },
      },
    },
    ...problemResponses({ 400: 'No or malformed day, cursor or limit', 401: 'Not signed in', 403: 'Not an admin' }),
  },
});

export function registerAdminAudit(app: OpenAPIHono<AppEnv>) {
  app.openapi(auditLogRoute, async (c) => {
    const { day, cursor, limit } = c.req.valid('query');
    const page = await auditEntriesOn(c.var.deps.db, day, limit, cursor === undefined ? undefined : decodeCursor(cursor));
    return c.json({ day, entries: page.entries, nextCursor: page.after === null ? null : encodeCursor(page.after) }, 200);
  });
}

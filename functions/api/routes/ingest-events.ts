import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { canIngestFor } from '../auth/permissions.js';
import { Problem, problems } from '../problem.js';
import { fieldErrors, invalidRequest } from '../validation-problem.js';
import { eventBatchSchema, eventSchema, eventTimeProblems, ingestBodySchema, type Event } from '../../events/schema.js';
import { putEvents } from '../../store/put-events.js';
import { problemResponses } from './problem-schema.js';

export const MAX_BODY_BYTES = 256 * 1024;

const ingestResultSchema = z
  .object({
    stored: z.array(z.string()).openapi({ description: 'Ids stored by this request' }),
    duplicates: z.array(z.string()).openapi({ description: 'Ids already stored with the same body' }),
  })
  .openapi('IngestResult');

const requireJson = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type)) {
    throw new Problem({ status: 415, title: 'Unsupported media type', detail: 'Send the events as application/json.' });
  }
  await next();
});

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new Problem({
      status: 413,
      title: 'Content too large',
      detail: `A request body holds at most ${MAX_BODY_BYTES / 1024} KB; split the batch.`,
    });
  },
});

export const ingestEventsRoute = createRoute({
  method: 'post',
  path: '/v1/events',
  tags: ['Ingest'],
  summary: 'Ingest one event, or a batch of up to 100',
  description:
    'Authenticated by a clinic ingest key in `x-api-key`. A batch is validated whole: one bad event answers 400 and stores nothing. ' +
    'Re-sending a stored event is a duplicate, not an error; the same id with a different body is a 409.',
  security: [{ ingestKey: [] }],
  middleware: [allow('ingest'), limitBody, requireJson] as const,
  request: { body: { required: true, content: { 'application/json': { schema: ingestBodySchema } } } },
  responses: {
    200: { description: 'Stored and duplicate ids', content: { 'application/json': { schema: ingestResultSchema } } },
    ...problemResponses({
      400: 'Invalid events: every problem with its event index and path; nothing stored',
      401: 'No or unknown ingest key',
      403: 'Not an ingest key',
      404: 'An event names a clinic other than the key’s',
      409: 'An id was reused with a different body',
      413: 'Body over 256 KB',
      415: 'Body is not JSON',
    }),
  },
});

/** Problems described against the form the producer meant: a batch when there is an `events` key. */
function ingestProblems(data: unknown) {
  const isBatch = typeof data === 'object' && data !== null && !Array.isArray(data) && 'events' in data;
  const result = (isBatch ? eventBatchSchema : eventSchema).safeParse(data);
  const errors = result.success ? [] : fieldErrors(result.error.issues, 'events');
  return isBatch ? errors : errors.map((e) => ({ index: 0, ...e }));
}

export function registerIngestEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    ingestEventsRoute,
    async (c) => {
      const body = c.req.valid('json');
      const events: Event[] = 'events' in body ? body.events : [body];
      const now = c.var.deps.now();
      const late = events.flatMap((event, index) => eventTimeProblems(event, now).map((problem) => ({ index, ...problem })));
      if (late.length > 0) throw invalidRequest('body', late);
      const principal = c.var.principal!;
      const foreign = events.findIndex((e) => !canIngestFor(principal, e.clinicId));
      if (foreign >= 0) throw problems.notFound(`Event ${foreign} names a clinic this key cannot write to; nothing was stored.`);

      const result = await putEvents(c.var.deps.db, events, now.toISOString());
      if (result.conflicts.length > 0) {
        throw new Problem({
          status: 409,
          title: 'Conflict',
          detail: 'These ids are already stored with a different body; they were not overwritten. The other events were handled as listed.',
          conflicts: result.conflicts,
          stored: result.stored,
          duplicates: result.duplicates,
        });
      }
      return c.json({ stored: result.stored, duplicates: result.duplicates }, 200);
    },
    (result) => {
      // @hono/zod-validator hands the hook the raw input as `data` on failure too; its type omits it.
      if (!result.success) throw invalidRequest('body', ingestProblems((result as { data?: unknown }).data));
    },
  );
}

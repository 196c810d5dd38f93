import { z } from '@hono/zod-openapi';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ index: z.number().int().optional(), path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'The first 100 problems' }),
    errorCount: z.number().int().optional().openapi({ description: 'How many problems there are in all' }),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: problemSchema } };

/** Problem responses by status, for the route table. */
export const problemResponses = (descriptions: Record<number, string>) =>
  Object.fromEntries(
    Object.entries(descriptions).map(([status, description]) => [status, { description, content: problemContent }]),
  );

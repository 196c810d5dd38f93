// ClientTimeline (functions/metrics/client-timeline.ts): one client's goals, sessions and measures over time.
import { z } from '@hono/zod-openapi';
import type { ClientTimeline } from '../../metrics/client-timeline.js';
import { goalDomains, goalModes, goalOutcomes, sessionStatuses } from '../../events/schema.js';
import { sameShape } from './same-shape.js';

const gasLevel = z.number().int().min(-2).max(2);
const timedTotal = z.object({ at: z.string(), total: z.number() });

const goalCourseSchema = z
  .object({
    goalId: z.string(),
    mode: z.enum(goalModes),
    domain: z.enum(goalDomains),
    setAt: z.string(),
    levels: z
      .array(z.object({ at: z.string(), level: gasLevel }))
      .openapi({ description: 'GAS level (−2…+2) at each review, then the closing level when the closure gives one' }),
    closed: z.object({ at: z.string(), outcome: z.enum(goalOutcomes), level: gasLevel.nullable() }).nullable(),
  })
  .openapi('GoalCourse');

export const clientTimelineSchema = z.object({
  goals: z.array(goalCourseSchema),
  sessions: z
    .array(z.object({ at: z.string(), status: z.enum(sessionStatuses) }))
    .openapi({ description: 'Every session with its final status (a later event for a session corrects it)' }),
  measures: z
    .object({ srs: z.array(timedTotal), ors: z.array(timedTotal) })
    .openapi({ description: 'SRS and ORS totals (0–40), scored from the items, oldest first' }),
});
sameShape<z.infer<typeof clientTimelineSchema>, ClientTimeline>(true);

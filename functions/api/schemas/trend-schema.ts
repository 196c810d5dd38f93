// TrendRow (functions/metrics/activity-trends.ts): one calendar month or ISO week in the clinic zone.
import { z } from '@hono/zod-openapi';
import type { TrendRow } from '../../metrics/index.js';
import { count } from './estimate-schemas.js';
import { sameShape } from './same-shape.js';

const modeCounts = z.object({ collaborative: count, directive: count });

export const trendRowSchema = z
  .object({
    period: z.string().openapi({ description: '"YYYY-MM" (month) or "YYYY-Www" (ISO week), in the clinic zone' }),
    activeClients: count,
    attended: count,
    noShow: count,
    attendanceRate: z.number().min(0).max(1).nullable(),
    goalsSet: modeCounts,
    goalsAchieved: modeCounts,
  })
  .openapi('TrendRow');
sameShape<z.infer<typeof trendRowSchema>, TrendRow>(true);

// Response envelopes of the metrics endpoints. The figures inside are the engine's types
// (functions/metrics), described in functions/api/schemas/ and checked against them at compile time;
// every figure carries the clients or goals behind it.
import { z } from '@hono/zod-openapi';
import { idSchema } from '../../events/schema.js';
import { count } from '../schemas/estimate-schemas.js';
import { groupMetricsSchema } from '../schemas/group-metrics-schema.js';
import { trendRowSchema } from '../schemas/trend-schema.js';
import { modeComparisonSchema } from '../schemas/comparison-schema.js';
import { caseloadRowSchema } from '../schemas/caseload-schema.js';
import { clientTimelineSchema } from '../schemas/client-timeline-schema.js';

export const clinicParams = z.object({ clinicId: idSchema.openapi({ param: { name: 'clinicId', in: 'path' } }) });
const counselorId = idSchema.openapi({ param: { name: 'counselorId', in: 'path' } });
export const counselorParams = z.object({ counselorId });
export const counselorClientParams = z.object({ counselorId, clientId: idSchema.openapi({ param: { name: 'clientId', in: 'path' } }) });
export const clinicIdQuery = z.object({
  clinicId: idSchema
    .optional()
    .openapi({ param: { name: 'clinicId', in: 'query' }, description: 'Directors: which of their clinics, when the counselor id exists in several' }),
});

export const asOfSchema = z.string().openapi({ description: 'When the figures were computed (the aggregation’s as-of time)' });

export const clinicMetricsResponse = z
  .object({
    clinicId: z.string(),
    timeZone: z.string(),
    asOf: asOfSchema,
    clients: count,
    metrics: groupMetricsSchema,
    counselors: z.array(z.object({ counselorId: z.string(), metrics: groupMetricsSchema })),
    monthlyTrends: z.array(trendRowSchema).openapi({ description: 'One row per calendar month in the clinic zone, gaps filled' }),
  })
  .openapi('ClinicMetrics');

export const clinicComparisonResponse = z
  .object({
    clinicId: z.string(),
    asOf: asOfSchema,
    comparison: modeComparisonSchema,
    counselors: z
      .array(z.object({ counselorId: z.string(), comparison: modeComparisonSchema }))
      .optional()
      .openapi({ description: 'Directors only: the same comparison for each counselor' }),
  })
  .openapi('ClinicComparison');

export const caseloadResponse = z
  .object({
    clinicId: z.string(),
    counselorId: z.string(),
    timeZone: z.string(),
    asOf: asOfSchema,
    clients: z.array(caseloadRowSchema).openapi({ description: 'Clients in an open episode, most flags first' }),
    weeklyTrends: z.array(trendRowSchema).openapi({ description: 'The last 26 ISO weeks in the clinic zone' }),
  })
  .openapi('Caseload');

export const clientTimelineResponse = clientTimelineSchema
  .extend({
    clinicId: z.string(),
    counselorId: z.string(),
    clientId: z.string(),
    timeZone: z.string(),
    asOf: asOfSchema,
  })
  .openapi('ClientTimeline');

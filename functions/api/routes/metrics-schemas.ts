// Response envelopes of the metrics endpoints. The figures inside are the engine's types
// (functions/metrics); every figure carries the clients or goals behind it.
import { z } from '@hono/zod-openapi';
import { idSchema } from '../../events/schema.js';

export const clinicParams = z.object({ clinicId: idSchema.openapi({ param: { name: 'clinicId', in: 'path' } }) });

const figures = (description: string) => z.record(z.string(), z.unknown()).openapi({ description });

export const asOfSchema = z.string().openapi({ description: 'When the figures were computed (the aggregation’s as-of time)' });

export const clinicMetricsResponse = z
  .object({
    clinicId: z.string(),
    timeZone: z.string(),
    asOf: asOfSchema,
    clients: z.number().int(),
    metrics: figures('Engagement, attainment (each goal under its own mode), GAS, alliance, outcome and data quality, overall and by mode'),
    counselors: z.array(z.object({ counselorId: z.string(), metrics: figures('The same figures for one counselor') })),
    monthlyTrends: z.array(figures('One calendar month in the clinic zone')),
  })
  .openapi('ClinicMetrics');

export const clinicComparisonResponse = z
  .object({
    clinicId: z.string(),
    asOf: asOfSchema,
    comparison: figures('Collaborative vs directive: attainment and 90-day retention (Wilson, Newcombe), GAS T, WAI-SR and ORS change (Hedges’ g)'),
    counselors: z.array(z.object({ counselorId: z.string(), comparison: figures('The same comparison for one counselor') })).optional(),
  })
  .openapi('ClinicComparison');

export const caseloadResponse = z
  .object({
    clinicId: z.string(),
    counselorId: z.string(),
    timeZone: z.string(),
    asOf: asOfSchema,
    clients: z.array(figures('A client in an open episode, with flags and the reason for each')),
    weeklyTrends: z.array(figures('One ISO week in the clinic zone; the last 26')),
  })
  .openapi('Caseload');

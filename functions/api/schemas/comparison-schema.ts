// ModeComparison (functions/metrics/comparison.ts): collaborative vs directive within one clinic, SPEC §5.
import { z } from '@hono/zod-openapi';
import type { ModeComparison } from '../../metrics/index.js';
import { count, differenceEstimateSchema, effectSizeEstimateSchema, nullableNumber, proportionEstimateSchema } from './estimate-schemas.js';
import { sameShape } from './same-shape.js';

const proportionComparisonSchema = z
  .object({ collaborative: proportionEstimateSchema, directive: proportionEstimateSchema, difference: differenceEstimateSchema })
  .openapi('ProportionComparison');

const besideSchema = z
  .object({ clients: count, episodes: count, retention90: proportionEstimateSchema, meanGasTScore: nullableNumber, meanWaiSrTotal: nullableNumber })
  .openapi('BesideFigures', { description: 'Mixed or none clients, reported beside the comparison and never folded into either group' });

export const modeComparisonSchema = z
  .object({
    clients: z.object({ collaborative: count, directive: count, mixed: count, none: count }),
    episodes: z
      .object({ collaborative: count, directive: count, mixed: count, none: count })
      .openapi({ description: 'Episodes with a start, by the episode’s own mode; 90-day retention counts them' }),
    attainment: proportionComparisonSchema,
    retention90: proportionComparisonSchema,
    gasTScore: effectSizeEstimateSchema,
    waiSrTotal: effectSizeEstimateSchema,
    orsChange: effectSizeEstimateSchema,
    beside: z.object({ mixed: besideSchema, none: besideSchema }),
  })
  .openapi('ModeComparison', {
    description: 'Attainment and 90-day retention (Wilson, Newcombe), GAS T, WAI-SR and ORS change (Hedges’ g); a figure whose groups are too small is null with a reason',
  });
sameShape<z.infer<typeof modeComparisonSchema>, ModeComparison>(true);

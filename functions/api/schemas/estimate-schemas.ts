// The statistics' estimate shapes (functions/stats): a value inside its 95% interval, or null with
// the reason it cannot be computed (SPEC §5), each carrying the counts behind it.
import { z } from '@hono/zod-openapi';
import type { DifferenceEstimate } from '../../stats/newcombe-difference.js';
import type { EffectSizeEstimate } from '../../stats/hedges-g.js';
import type { ProportionEstimate } from '../../stats/wilson-interval.js';
import { sameShape } from './same-shape.js';

export const count = z.number().int().nonnegative();
export const nullableNumber = z.number().nullable();

/** An estimate with its interval, or null with a reason, either way with `counts` beside it. */
export const estimateWith = <Counts extends z.ZodRawShape>(counts: Counts) =>
  z.union([
    z.object({ estimate: z.number(), lower: z.number(), upper: z.number(), ...counts }),
    z.object({ estimate: z.null(), reason: z.string(), ...counts }),
  ]);

export const proportionEstimateSchema = estimateWith({ events: count, n: count }).openapi('ProportionEstimate', {
  description: 'A proportion with its Wilson 95% interval: events of n',
});
sameShape<z.infer<typeof proportionEstimateSchema>, ProportionEstimate>(true);

export const differenceEstimateSchema = estimateWith({ events1: count, n1: count, events2: count, n2: count }).openapi('DifferenceEstimate', {
  description: 'p₁ − p₂ (collaborative − directive) with the Newcombe method-10 95% interval',
});
sameShape<z.infer<typeof differenceEstimateSchema>, DifferenceEstimate>(true);

export const effectSizeEstimateSchema = estimateWith({ n1: count, n2: count, mean1: nullableNumber, mean2: nullableNumber }).openapi(
  'EffectSizeEstimate',
  { description: 'Hedges’ g (collaborative vs directive) with its 95% interval, and the group sizes and means' },
);
sameShape<z.infer<typeof effectSizeEstimateSchema>, EffectSizeEstimate>(true);

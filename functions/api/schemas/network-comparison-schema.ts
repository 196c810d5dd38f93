// NetworkComparison (functions/metrics/network-comparison.ts): Mantel–Haenszel beside crude, and the
// per-clinic breakdown suppressed per SPEC §7.
import { z } from '@hono/zod-openapi';
import type { NetworkComparison, NetworkFigure } from '../../metrics/index.js';
import { count, estimateWith, nullableNumber, stratifiedEstimateSchema, unavailableWith } from './estimate-schemas.js';
import { sameShape } from './same-shape.js';

export const publishedCountSchema = z
  .union([
    z.object({ count, suppressed: z.literal(false) }),
    z.object({ count: z.null(), suppressed: z.enum(['small_cell', 'complementary']) }),
  ])
  .openapi('PublishedCount', { description: 'A count, or null when it describes 1–10 subjects or would let such a cell be recomputed' });

const breakdownRowSchema = z
  .object({
    clinic: z.string().openapi({ description: 'The reader’s own clinic id, or a letter label' }),
    cells: z.object({ a: publishedCountSchema, b: publishedCountSchema, c: publishedCountSchema, d: publishedCountSchema }),
    total: publishedCountSchema,
    collaborativeRate: nullableNumber,
    directiveRate: nullableNumber,
  })
  .openapi('BreakdownRow');

const networkFigureSchema = z
  .object({
    stratified: z.union([stratifiedEstimateSchema, unavailableWith({ strata: count, n: z.null() })]),
    excludedStrata: z.array(z.string()),
    crude: z.union([estimateWith({ n: count }), unavailableWith({ n: z.null() })]),
    clinics: z.array(breakdownRowSchema),
    network: breakdownRowSchema,
    suppressedCells: count,
  })
  .openapi('NetworkFigure');
sameShape<z.infer<typeof networkFigureSchema>, NetworkFigure>(true);

export const networkComparisonSchema = z
  .object({ clinics: count, attainment: networkFigureSchema, retention90: networkFigureSchema })
  .openapi('NetworkComparisonFigures', {
    description: 'Mantel–Haenszel odds ratios stratified by clinic beside the crude ones, and the per-clinic breakdown suppressed per SPEC §7',
  });
sameShape<z.infer<typeof networkComparisonSchema>, NetworkComparison>(true);

// The network comparison response, typed to the last field (SPEC §5, §7).
import { z } from '@hono/zod-openapi';
import { asOfSchema } from './metrics-schemas.js';
import { count } from '../schemas/estimate-schemas.js';

export const publishedCountSchema = z
  .union([z.object({ count, suppressed: z.literal(false) }), z.object({ count: z.null(), suppressed: z.literal(true) })])
  .openapi('PublishedCount', { description: 'A count, or null when suppressed. Hidden cells are all labelled alike: primary and complementary are never told apart.' });

export const breakdownRowSchema = z
  .object({
    clinic: z.string().openapi({ description: 'The clinic id for a director’s own clinics; “Clinic A”, “Clinic B”… for the others; “Network” for the totals row' }),
    own: z.boolean().openapi({ description: 'One of the reader’s own clinics' }),
    cells: z.object({ a: publishedCountSchema, b: publishedCountSchema, c: publishedCountSchema, d: publishedCountSchema }).openapi({
      description: 'a, b: collaborative with and without the event; c, d: directive with and without (SPEC §5)',
    }),
    total: publishedCountSchema,
    collaborativeRate: z.number().min(0).max(1).nullable().openapi({ description: 'a/(a+b); null when a or b is suppressed or the group is empty' }),
    directiveRate: z.number().min(0).max(1).nullable().openapi({ description: 'c/(c+d); null when c or d is suppressed or the group is empty' }),
  })
  .openapi('NetworkBreakdownRow');

const oddsRatio = <T extends z.ZodRawShape>(extra: T) =>
  z.union([
    z.object({ estimate: z.number().positive(), lower: z.number().nonnegative(), upper: z.number().positive(), ...extra }),
    z.object({ estimate: z.null(), reason: z.string(), ...extra }),
  ]);

export const networkFigureSchema = z
  .object({
    decimals: z.number().int().min(0).max(2).nullable().openapi({
      description: 'Decimals the odds ratios are rounded to: 2, or coarser where 2 would let them single out a suppressed cell; null when withheld for that reason',
    }),
    stratified: oddsRatio({
      strata: count.openapi({ description: 'Clinics in the population: every one is a stratum, suppressed cells or not' }),
      n: count.nullable().openapi({ description: 'Subjects in the population; null when the network row is withheld' }),
    }).openapi({ description: 'Mantel–Haenszel odds ratio stratified by clinic with the Robins–Breslow–Greenland 95% interval, rounded to `decimals`' }),
    crude: oddsRatio({ n: count.nullable() }).openapi({ description: 'The pooled odds ratio (Woolf interval), rounded to `decimals`; null when the network row is withheld' }),
    clinics: z.array(breakdownRowSchema).openapi({ description: 'The suppressed per-clinic breakdown: own clinics first; empty when withheld' }),
    breakdownWithheld: z.string().nullable().openapi({ description: 'Why the breakdown is withheld from this reader, or null' }),
    network: breakdownRowSchema.nullable(),
    networkWithheld: z.string().nullable().openapi({ description: 'Why the network totals row is withheld, or null' }),
    suppressedCells: count.openapi({ description: 'Suppressed entries (cells and totals) among the rows shown' }),
  })
  .openapi('NetworkFigure');

export const networkComparisonResponse = z
  .object({
    view: z.enum(['director', 'admin', 'research']).openapi({ description: 'director: every clinic, own clinics named; admin: every clinic, all lettered; research: consenting clinics only' }),
    asOf: asOfSchema,
    comparison: z.object({
      clinics: count.openapi({ description: 'Clinics in the population' }),
      attainment: networkFigureSchema,
      retention90: networkFigureSchema,
    }),
  })
  .openapi('NetworkComparison');

export type NetworkComparisonResponse = z.infer<typeof networkComparisonResponse>;
export type NetworkFigureResponse = z.infer<typeof networkFigureSchema>;
export type BreakdownRowResponse = z.infer<typeof breakdownRowSchema>;

// GroupMetrics (functions/metrics/group-metrics.ts): a clinic's or a counselor's figures, SPEC §3.
// Engagement by the episode's mode, other client-level figures by the client's mode, attainment by
// each goal's own mode.
import { z } from '@hono/zod-openapi';
import type { GroupMetrics } from '../../metrics/index.js';
import { count, nullableNumber } from './estimate-schemas.js';
import { sameShape } from './same-shape.js';

const rate = z.number().min(0).max(1).nullable();

// Spelled out rather than built from clientModes/goalModes, so that the shape check below sees each key.
const byClientMode = <T extends z.ZodType>(figures: T) =>
  z.object({ overall: figures, collaborative: figures, directive: figures, mixed: figures, none: figures });
const byGoalMode = <T extends z.ZodType>(figures: T) => z.object({ overall: figures, collaborative: figures, directive: figures });

export const proportionSchema = z
  .object({ numerator: count, denominator: count, rate })
  .openapi('Proportion', { description: 'numerator / denominator; rate is null when the denominator is 0' });

const engagementSchema = z
  .object({
    episodes: count.openapi({ description: 'Episodes of care with a start (SPEC §3: engagement counts episodes, as TEDS-D counts discharges)' }),
    attendance: z.object({ episodes: count, attended: count, noShow: count, rate }),
    retention30: proportionSchema,
    retention90: proportionSchema,
    dropout: proportionSchema.extend({ lostToContact: count }),
    daysInTreatment: z.object({ episodes: count, mean: nullableNumber, median: nullableNumber }),
  })
  .openapi('EngagementMetrics');

const attainmentSchema = z
  .object({
    clients: count,
    closedGoals: count,
    achieved: count,
    rate,
    daysToAttainment: z.object({ goals: count, median: nullableNumber }),
  })
  .openapi('AttainmentMetrics');

const gasSchema = z.object({ clients: count, goalsScored: count, goalsWithoutLevel: count, meanTScore: nullableNumber }).openapi('GasMetrics');

const allianceSchema = z
  .object({
    waiSr: z.object({ clients: count, total: nullableNumber, task: nullableNumber, bond: nullableNumber, goal: nullableNumber }),
    srs: z.object({ clients: count, administrations: count, mean: nullableNumber, belowThreshold: count, shareBelowThreshold: rate }),
  })
  .openapi('AllianceMetrics');

const outcomeSchema = z
  .object({ clients: count, meanChange: nullableNumber, reliableImprovement: proportionSchema, recovered: proportionSchema })
  .openapi('OutcomeMetrics');

export const groupMetricsSchema = z
  .object({
    clients: count,
    engagement: byClientMode(engagementSchema),
    attainment: byGoalMode(attainmentSchema),
    gas: byClientMode(gasSchema),
    alliance: byClientMode(allianceSchema),
    outcome: byClientMode(outcomeSchema),
    dataQuality: z.object({ unknownGoalEvents: count, clientsWithSessionsButNoGoals: count, goalsNeverReviewed: count }),
  })
  .openapi('GroupMetrics', {
    description: 'Engagement, attainment (each goal under its own mode), GAS, alliance, outcome and data quality, overall and by mode',
  });
sameShape<z.infer<typeof groupMetricsSchema>, GroupMetrics>(true);

// CaseloadRow (functions/metrics/caseload.ts): a client in an open episode, with flags and why.
import { z } from '@hono/zod-openapi';
import { clientModes, type CaseloadRow } from '../../metrics/index.js';
import { count, nullableNumber } from './estimate-schemas.js';
import { sameShape } from './same-shape.js';

export const clientModeSchema = z.enum(clientModes).openapi('ClientMode', {
  description: 'SPEC §3: collaborative or directive when every goal is of that mode, mixed otherwise, none without goals',
});

export const caseloadFlagSchema = z
  .object({
    flag: z.enum(['no_goals', 'missed_sessions', 'alliance_risk', 'stalled_goal', 'deteriorating']),
    reason: z.string().openapi({ description: 'Why the flag is raised, in plain words' }),
  })
  .openapi('CaseloadFlag');

export const caseloadRowSchema = z
  .object({
    clientId: z.string(),
    counselorId: z.string(),
    mode: clientModeSchema,
    start: z.string().nullable(),
    lastAttendedAt: z.string().nullable(),
    attendanceRate: z.number().min(0).max(1).nullable(),
    openGoals: count,
    gasTScore: nullableNumber,
    srsLatest: nullableNumber,
    flags: z.array(caseloadFlagSchema),
  })
  .openapi('CaseloadRow');
sameShape<z.infer<typeof caseloadRowSchema>, CaseloadRow>(true);

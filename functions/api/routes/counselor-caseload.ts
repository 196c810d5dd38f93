import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { requirePerson } from '../auth/principal.js';
import { purposeOf, purposeParam } from '../audit-purpose.js';
import { caseloadResponse, clinicIdQuery, counselorParams } from './metrics-schemas.js';
import { problemResponses } from './problem-schema.js';
import { auditClientLevelRead, readableCounselorView } from './readable-caseload.js';

export const counselorCaseloadRoute = createRoute({
  method: 'get',
  path: '/v1/counselors/{counselorId}/caseload',
  tags: ['Metrics'],
  summary: 'A counselor’s caseload: clients with flags and why, and the last 26 weeks',
  description:
    'Client-level data: every read is written to the audit log, with whose caseload it was and why (`purpose`, by default from the role). A counselor sees only their own caseload; a director sees those of their clinics (`clinicId` picks the clinic when the same counselor id exists in several).',
  security: [{ bearer: [] }],
  middleware: [allow('counselor', 'director')] as const,
  request: { params: counselorParams, query: clinicIdQuery.extend({ purpose: purposeParam }) },
  responses: {
    200: { description: 'The caseload', content: { 'application/json': { schema: caseloadResponse } } },
    ...problemResponses({ 401: 'Not signed in', 403: 'Not a counselor or director', 404: 'No such counselor in your scope, or not aggregated yet' }),
  },
});

export function registerCounselorCaseload(app: OpenAPIHono<AppEnv>) {
  app.openapi(counselorCaseloadRoute, async (c) => {
    const principal = requirePerson(c.var.principal);
    const { counselorId } = c.req.valid('param');
    const { clinicId, purpose } = c.req.valid('query');
    const { db, now } = c.var.deps;
    const view = await readableCounselorView(db, principal, counselorId, clinicId);
    await auditClientLevelRead(db, principal, {
      at: now().toISOString(),
      clinicId: view.clinicId,
      action: 'caseload.read',
      subject: { counselorId },
      purpose: purposeOf(principal, purpose),
      rows: view.caseload.rows.length,
    });
    return c.json(
      {
        clinicId: view.clinicId,
        counselorId,
        timeZone: view.timeZone,
        asOf: view.asOf,
        clients: view.caseload.rows,
        weeklyTrends: view.caseload.weeklyTrends,
      },
      200,
    );
  });
}

import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { requirePerson } from '../auth/principal.js';
import { clientTimeline } from '../../metrics/client-timeline.js';
import { clientStates } from '../../store/client-states.js';
import { purposeOf, purposeParam } from '../audit-purpose.js';
import { clientTimelineResponse, clinicIdQuery, counselorClientParams } from './metrics-schemas.js';
import { problemResponses } from './problem-schema.js';
import { auditClientLevelRead, readableCounselorFold, requireOnCaseload } from './readable-caseload.js';

export const clientTimelineRoute = createRoute({
  method: 'get',
  path: '/v1/counselors/{counselorId}/clients/{clientId}/timeline',
  tags: ['Metrics'],
  summary: 'One client of a caseload over time: GAS level per goal, sessions attended and missed, SRS and ORS totals',
  description:
    'Client-level data: every read is written to the audit log. Only for a client on the counselor’s caseload (an open episode), read by that counselor or a director of the clinic; anyone else’s client is a 404. ' +
    'Folded from the client’s event set as stored by the last aggregation, as of that aggregation, so it agrees with the caseload row.',
  security: [{ bearer: [] }],
  middleware: [allow('counselor', 'director')] as const,
  request: { params: counselorClientParams, query: clinicIdQuery.extend({ purpose: purposeParam }) },
  responses: {
    200: { description: 'The timeline', content: { 'application/json': { schema: clientTimelineResponse } } },
    ...problemResponses({
      400: 'Malformed id',
      401: 'Not signed in',
      403: 'Not a counselor or director',
      404: 'No such client on a caseload in your scope, or not aggregated yet',
    }),
  },
});

export function registerClientTimeline(app: OpenAPIHono<AppEnv>) {
  app.openapi(clientTimelineRoute, async (c) => {
    const principal = requirePerson(c.var.principal);
    const { counselorId, clientId } = c.req.valid('param');
    const { db, now } = c.var.deps;
    const { clinicId, purpose } = c.req.valid('query');
    const view = await readableCounselorFold(db, principal, counselorId, clinicId);
    const state = requireOnCaseload((await clientStates(db, view.clinicId, [clientId]))[0], counselorId);
    await auditClientLevelRead(db, principal, {
      at: now().toISOString(),
      clinicId: view.clinicId,
      action: 'client-timeline.read',
      subject: { counselorId, clientId },
      purpose: purposeOf(principal, purpose),
      rows: 1,
    });
    return c.json(
      {
        clinicId: view.clinicId,
        counselorId,
        clientId,
        timeZone: view.timeZone,
        asOf: view.asOf,
        ...clientTimeline(state.events, view.asOf, view.timeZone),
      },
      200,
    );
  });
}

// The one Hono app. The Lambda entry and the local server both mount it; neither adds routes.
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps, AppEnv } from './app-env.js';
import { authenticate } from './auth/authenticate.js';
import { renderDocsPage } from './docs-page.js';
import { Problem, problems } from './problem.js';
import { fieldErrors, invalidRequest } from './validation-problem.js';
import { registerHealth } from './routes/health.js';
import { registerIngestEvents } from './routes/ingest-events.js';
import { registerAdminClinics } from './routes/admin-clinics.js';
import { registerAdminIngestKeys } from './routes/admin-ingest-keys.js';
import { registerAdminAggregations } from './routes/admin-aggregations.js';
import { registerAdminAudit } from './routes/admin-audit.js';
import { registerClinicMetrics } from './routes/clinic-metrics.js';
import { registerClinicComparison } from './routes/clinic-comparison.js';
import { registerNetworkComparison } from './routes/network-comparison.js';
import { registerCounselorCaseload } from './routes/counselor-caseload.js';
import { registerFhirR4 } from './routes/fhir-r4.js';
import { fhirOutcomes } from './fhir-outcomes.js';
import { registerClientTimeline } from './routes/client-timeline.js';
import { registerExports } from './routes/exports.js';

const API_INFO = {
  title: 'Outcomes platform',
  version: '1.0.0',
  description:
    'Goal, session and questionnaire events from substance-use counseling clinics in; engagement and goal-attainment metrics out, collaborative vs directive.',
};

export function createApp(deps: AppDeps, onUnexpectedError: (error: unknown) => void = console.error) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidRequest(result.target, fieldErrors(result.error.issues));
    },
  });

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('/v1/*', authenticate);
  app.use('/fhir/*', fhirOutcomes, authenticate);

  registerHealth(app);
  registerIngestEvents(app);
  registerAdminClinics(app);
  registerAdminIngestKeys(app);
  registerAdminAggregations(app);
  registerAdminAudit(app);
  registerClinicMetrics(app);
  registerClinicComparison(app);
  registerNetworkComparison(app);
  registerCounselorCaseload(app);
  registerFhirR4(app);
  registerClientTimeline(app);
  registerExports(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'ingestKey', { type: 'apiKey', in: 'header', name: 'x-api-key' });
  const document = () => app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO });
  app.get('/openapi.json', (c) => c.json(document()));
  app.get('/docs', (c) => c.html(renderDocsPage(document())));

  app.notFound(() => problems.notFound('No such endpoint.').toResponse());
  app.onError((error, c) => {
    if (error instanceof Problem) return error.toResponse(c.req.path);
    // Hono's own 4xx (malformed JSON and the like) keep their status, in our format.
    if (error instanceof HTTPException && error.status < 500) {
      return new Problem({ status: error.status, title: 'Invalid request', detail: error.message }).toResponse(c.req.path);
    }
    onUnexpectedError(error);
    return new Problem({ status: 500, title: 'Internal error', detail: 'Something failed on our side; nothing was lost.' }).toResponse();
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

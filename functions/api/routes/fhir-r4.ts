// The FHIR R4 ingest endpoint (issue 12): POST /fhir/r4 takes a transaction or batch Bundle, maps
// its resources to SPEC §2 events (functions/fhir/, docs/fhir-mapping.md) and stores them through
// the same validation, idempotent store and ingest-key tenancy as POST /v1/events.
// GET /fhir/r4/metadata is the CapabilityStatement. Errors become OperationOutcomes (fhir-outcomes.ts).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { FHIR_JSON } from '../fhir-outcomes.js';
import { Problem } from '../problem.js';
import { MAX_ISSUES, bundleSchema, foreignClinic, fullUrlResolver, mapBundle, transactionIssues } from '../../fhir/bundle.js';
import { bundleResponse, type StoreOutcome } from '../../fhir/bundle-response.js';
import { capabilityStatement } from '../../fhir/capability-statement.js';
import { errorIssue } from '../../fhir/operation-outcome.js';
import type { MappingContext } from '../../fhir/mapping.js';
import { eventFingerprint } from '../../events/fingerprint.js';
import { DEFAULT_TIME_ZONE } from '../../events/time-zone.js';
import type { Event } from '../../events/schema.js';
import { getClinic } from '../../store/clinics.js';
import { putEvents } from '../../store/put-events.js';
import { storedFingerprints } from '../../store/stored-fingerprints.js';

/** FHIR JSON is verbose: a Bundle of 100 resources is several times its 100 events. */
const MAX_FHIR_BODY_BYTES = 1024 * 1024;
const ACCEPTED_TYPES = /^application\/(fhir\+)?json\s*(;|$)/i;

const fhirProblem = (status: 400 | 403 | 404 | 409 | 413 | 415 | 422, detail: string, issues?: ReturnType<typeof errorIssue>[]) =>
  new Problem({ status, title: 'FHIR request refused', detail, ...(issues ? { issues } : {}) });

const limitBody = bodyLimit({
  maxSize: MAX_FHIR_BODY_BYTES,
  onError: () => {
    throw fhirProblem(413, `A Bundle is at most ${MAX_FHIR_BODY_BYTES / 1024} KB; split it.`);
  },
});

const fhirJson = (c: Context<AppEnv>, body: unknown, status: 200 = 200) => c.body(JSON.stringify(body), status, { 'content-type': FHIR_JSON });

async function readBundle(c: Context<AppEnv>) {
  if (!ACCEPTED_TYPES.test(c.req.header('content-type') ?? '')) throw fhirProblem(415, `Send the Bundle as ${FHIR_JSON}.`);
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch (error) {
    throw fhirProblem(400, `The body is not JSON: ${(error as Error).message}`);
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((i) => errorIssue('structure', i.message, ['Bundle', ...i.path].join('.')));
    throw fhirProblem(400, 'Not a transaction or batch Bundle; nothing was stored.', issues);
  }
  return parsed.data;
}

/** A transaction writes nothing when an event id is already stored with another body. */
async function refuseStoredConflicts(c: Context<AppEnv>, clinicId: string, events: Event[]) {
  const stored = await storedFingerprints(c.var.deps.db, clinicId, events.map((e) => e.id));
  const conflicting = events.filter((e) => stored.has(e.id) && stored.get(e.id) !== eventFingerprint(e));
  if (conflicting.length > 0) {
    const issues = conflicting.map((e) => errorIssue('conflict', `event ${e.id} is already stored with a different body; nothing was stored`));
    throw fhirProblem(409, 'A resource version was sent before with other content; the transaction stored nothing.', issues);
  }
}

export function registerFhirR4(app: OpenAPIHono<AppEnv>) {
  app.get('/fhir/r4/metadata', allow('ingest'), (c) => fhirJson(c, capabilityStatement(c.var.deps.now().toISOString())));

  app.post('/fhir/r4', allow('ingest'), limitBody, async (c) => {
    const bundle = await readBundle(c);
    const principal = c.var.principal!;
    if (principal.kind !== 'ingest') throw fhirProblem(403, 'This endpoint is for ingest keys.');
    const clinic = await getClinic(c.var.deps.db, principal.clinicId);
    const now = c.var.deps.now();
    const context: MappingContext = {
      clinicId: principal.clinicId,
      timeZone: clinic?.timeZone ?? DEFAULT_TIME_ZONE,
      resolveFullUrl: fullUrlResolver(bundle),
      now,
    };
    const foreign = foreignClinic(bundle, context);
    if (foreign) {
      throw fhirProblem(404, 'The Bundle names a clinic this key cannot write to; nothing was stored.', [
        errorIssue('not-found', 'names an Organization other than the ingest key’s clinic', foreign),
      ]);
    }
    const mapped = mapBundle(bundle, context);
    const events = mapped.flatMap((m) => (m.ok && m.event ? [m.event] : []));
    if (bundle.type === 'transaction') {
      const failure = transactionIssues(mapped);
      if (failure) throw fhirProblem(failure.status, 'The transaction has unmappable entries; nothing was stored.', failure.issues);
      await refuseStoredConflicts(c, principal.clinicId, events);
    }
    const result = await putEvents(c.var.deps.db, events, now.toISOString());
    const outcomes = new Map<string, StoreOutcome>();
    for (const id of result.stored) outcomes.set(id, 'stored');
    for (const id of result.duplicates) if (!outcomes.has(id)) outcomes.set(id, 'duplicate');
    for (const id of result.conflicts) outcomes.set(id, 'conflict');
    return fhirJson(c, bundleResponse(bundle.type, mapped, (id) => outcomes.get(id)!));
  });

  registerFhirDocs(app);
}

/** The OpenAPI entries: the Bundle shapes are FHIR's, documented in docs/fhir-mapping.md. */
function registerFhirDocs(app: OpenAPIHono<AppEnv>) {
  const resource = z.object({ resourceType: z.string() }).passthrough().openapi('FhirResource', { description: 'A FHIR R4 resource (http://hl7.org/fhir/R4/)' });
  const fhirContent = (schema: z.ZodType) => ({ [FHIR_JSON]: { schema } });
  const outcome = { description: 'OperationOutcome', content: fhirContent(resource) };
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/fhir/r4',
    tags: ['FHIR'],
    summary: 'Ingest a FHIR R4 transaction or batch Bundle',
    description:
      'Patient, Encounter, Goal, PCO GAS score Observation, QuestionnaireResponse (WAI-SR, SRS, ORS) and EpisodeOfCare become SPEC §2 events; see docs/fhir-mapping.md. ' +
      'A transaction is all or nothing; a batch stores its good entries. Errors are OperationOutcomes.',
    security: [{ ingestKey: [] }],
    request: { body: { required: true, content: fhirContent(resource) } },
    responses: {
      200: { description: 'A transaction-response or batch-response Bundle: one entry per request entry', content: fhirContent(resource) },
      400: { ...outcome, description: 'Not a Bundle, or (transaction) an invalid resource; nothing stored' },
      401: { ...outcome, description: 'No or unknown ingest key' },
      403: { ...outcome, description: 'Not an ingest key' },
      404: { ...outcome, description: 'A resource names another clinic; nothing stored' },
      409: { ...outcome, description: '(transaction) a resource version already stored with other content; nothing stored' },
      413: { ...outcome, description: 'Body over 1 MB' },
      415: { ...outcome, description: 'Not application/fhir+json' },
      422: { ...outcome, description: '(transaction) a resource that cannot be mapped; nothing stored' },
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/fhir/r4/metadata',
    tags: ['FHIR'],
    summary: 'The FHIR CapabilityStatement of the ingest endpoint',
    security: [{ ingestKey: [] }],
    responses: { 200: { description: 'CapabilityStatement', content: fhirContent(resource) }, 401: outcome },
  });
}

// One Bundle entry's resource → its SPEC §2 event, validated by the same zod event schema as
// POST /v1/events, or the OperationOutcome issues that say why not. Pure, and never throws on
// input: every failure is a 400 (not a valid resource) or a 422 (valid, but not a recordable fact).
import type { OperationOutcomeIssue } from 'fhir/r4';
import type { z } from 'zod';
import { eventSchema, eventTimeProblems, type Event } from '../events/schema.js';
import { droppedNote } from './dropped-elements.js';
import { encounterMapper } from './encounter.js';
import { episodeOfCareMapper } from './episode-of-care.js';
import { fhirEventId, versionOf } from './event-id.js';
import { gasScoreObservationMapper } from './gas-score-observation.js';
import { goalMapper } from './goal.js';
import { Unmappable, type Mapping, type MappingContext, type ResourceMapper } from './mapping.js';
import { errorIssue } from './operation-outcome.js';
import { patientMapper } from './patient.js';
import { questionnaireResponseMapper } from './questionnaire-response.js';

export const mappers: readonly ResourceMapper[] = [
  patientMapper,
  encounterMapper,
  goalMapper,
  gasScoreObservationMapper,
  questionnaireResponseMapper,
  episodeOfCareMapper,
] as ResourceMapper[];

export type MappedResource =
  | { ok: true; resourceType: string; id: string; version?: string; event?: Event; notes: string[] }
  | { ok: false; status: 400 | 422; issues: OperationOutcomeIssue[] };

const invalid = (status: 400 | 422, issues: OperationOutcomeIssue[]): MappedResource => ({ ok: false, status, issues });

const fhirPath = (resourceType: string, path: PropertyKey[]) =>
  path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : `${at}.${String(key)}`), resourceType);

function structureIssues(resourceType: string, issues: z.core.$ZodIssue[]): OperationOutcomeIssue[] {
  return issues.map((issue) => {
    const code = issue.code === 'invalid_type' && issue.input === undefined ? 'required' : 'value';
    return errorIssue(code, issue.message, fhirPath(resourceType, issue.path));
  });
}

export function mapResource(resource: unknown, context: MappingContext): MappedResource {
  const resourceType = (resource as { resourceType?: unknown } | null)?.resourceType;
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource) || typeof resourceType !== 'string') {
    return invalid(400, [errorIssue('structure', 'each entry needs a resource with a resourceType', 'resource')]);
  }
  const mapper = mappers.find((m) => m.resourceType === resourceType);
  if (!mapper) {
    const supported = mappers.map((m) => m.resourceType).join(', ');
    return invalid(422, [errorIssue('not-supported', `${resourceType} is not mapped; supported: ${supported}`, `${resourceType}`)]);
  }
  const parsed = mapper.schema.safeParse(resource);
  if (!parsed.success) return invalid(400, structureIssues(resourceType, parsed.error.issues));
  const { id, meta } = parsed.data as { id: string; meta?: { versionId?: string } };

  let mapping: Mapping;
  try {
    mapping = mapper.map(parsed.data, context);
  } catch (error) {
    if (!(error instanceof Unmappable)) throw error;
    return invalid(422, [errorIssue('processing', error.message, error.expression)]);
  }
  const notes = [...mapping.notes];
  const dropped = droppedNote(resource as Record<string, unknown>, mapper.read, mapper.readExtensions);
  if (dropped) notes.push(dropped);
  if (!mapping.event) return { ok: true, resourceType, id, notes };

  const version = versionOf(meta?.versionId, mapping.event);
  const event = eventSchema.safeParse({ id: fhirEventId(resourceType, id, version), clinicId: context.clinicId, ...mapping.event });
  if (!event.success) return invalid(422, event.error.issues.map((issue) => businessRuleIssue(resourceType, mapping, issue)));
  // SPEC §2's bounds relative to the present, which the schema leaves to the caller's clock:
  // POST /v1/events applies them too, so both paths refuse the same facts.
  const late = eventTimeProblems(event.data, context.now);
  if (late.length > 0) return invalid(422, late.map(({ path, message }) => businessRuleIssue(resourceType, mapping, { path: [path], message })));
  return { ok: true, resourceType, id, version, event: event.data, notes };
}

/** A broken event rule, named at the FHIR element its event field was read from. */
function businessRuleIssue(resourceType: string, mapping: Mapping, { path, message }: { path: PropertyKey[]; message: string }) {
  const element = mapping.sources[String(path[0] ?? '')] ?? resourceType;
  return errorIssue('business-rule', `${message} (event field ${path.join('.') || 'body'})`, element);
}

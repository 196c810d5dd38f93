// The three fields every event has besides its type (SPEC §2): the client (a referenced Patient),
// the counselor (counselor.ts) and when, each with the FHIR element it came from.
import type { FhirExtension, FhirReference } from './elements.js';
import { counselorOf, type CounselorCandidate } from './counselor.js';
import type { MappingContext } from './mapping.js';
import { referencedId } from './references.js';
import { instantOf } from './when.js';

interface Located<T> {
  value: T;
  expression: string;
}

export interface BaseElements {
  client: Located<FhirReference | undefined>;
  /** The resource's own participant elements that may name the counselor, in order. */
  counselors: CounselorCandidate[];
  when: Located<string | undefined>;
}

export function eventBase(
  resource: { resourceType: string; extension?: FhirExtension[] },
  { client, counselors, when }: BaseElements,
  context: MappingContext,
) {
  const counselor = counselorOf(resource.resourceType, resource.extension, counselors, context);
  return {
    fields: {
      clientId: referencedId(client.value, 'Patient', client.expression, context),
      counselorId: counselor.counselorId,
      occurredAt: instantOf(when.value, when.expression, context.timeZone),
    },
    sources: { clientId: client.expression, counselorId: counselor.source, occurredAt: when.expression },
  };
}

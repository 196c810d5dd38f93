// Resolves FHIR references (http://hl7.org/fhir/R4/references.html) to logical ids: relative
// (`Patient/p1`), absolute (`https://ehr.example/fhir/Patient/p1`), version-specific
// (`…/_history/3`) or a Bundle entry's `urn:uuid:` fullUrl. The logical id becomes the SPEC §2 id.
import type { FhirReference } from './elements.js';
import { Unmappable, type MappingContext } from './mapping.js';

const LITERAL = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

export interface ResolvedReference {
  resourceType: string;
  id: string;
}

export function resolveReference(reference: FhirReference | undefined, context: MappingContext): ResolvedReference | undefined {
  const literal = reference?.reference;
  if (literal === undefined) return undefined;
  if (literal.startsWith('urn:')) return context.resolveFullUrl(literal);
  const match = LITERAL.exec(literal);
  return match ? { resourceType: match[1]!, id: match[2]! } : undefined;
}

/** The logical id of a required reference to `resourceType`, or an Unmappable naming `expression`. */
export function referencedId(
  reference: FhirReference | undefined,
  resourceType: string,
  expression: string,
  context: MappingContext,
): string {
  const resolved = resolveReference(reference, context);
  if (resolved?.resourceType !== resourceType) {
    const got = reference?.reference === undefined ? 'nothing' : `"${reference.reference}"`;
    throw new Unmappable(expression, `must reference a ${resourceType} by its logical id (or a fullUrl in this Bundle); got ${got}`);
  }
  return resolved.id;
}

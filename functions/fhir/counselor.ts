// The counselor responsible for an event (SPEC §2 `counselorId`): the documented
// responsible-counselor extension when present, else the first Practitioner among the resource's
// own participant elements. A Patient or RelatedPerson is never a counselor.
import { extensionOf, type FhirExtension, type FhirReference } from './elements.js';
import { Unmappable, type MappingContext } from './mapping.js';
import { referencedId, resolveReference } from './references.js';
import { extensions } from './vocabulary.js';

export interface CounselorCandidate {
  reference: FhirReference | undefined;
  expression: string;
}

export function counselorOf(
  resourceType: string,
  resourceExtensions: FhirExtension[] | undefined,
  candidates: CounselorCandidate[],
  context: MappingContext,
): { counselorId: string; source: string } {
  const source = `${resourceType}.extension('${extensions.responsibleCounselor}')`;
  const declared = extensionOf(resourceExtensions, extensions.responsibleCounselor);
  if (declared) return { counselorId: referencedId(declared.valueReference, 'Practitioner', `${source}.valueReference`, context), source };
  for (const candidate of candidates) {
    const resolved = resolveReference(candidate.reference, context);
    if (resolved?.resourceType === 'Practitioner') return { counselorId: resolved.id, source: candidate.expression };
  }
  const elements = candidates.map((c) => c.expression).join(', ');
  throw new Unmappable(
    candidates[0]?.expression ?? source,
    `no counselor: reference a Practitioner in ${elements || 'the resource'} or add the responsible-counselor extension`,
  );
}

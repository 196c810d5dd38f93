// Event ids from the resource's identity (SPEC §2: 1–64 of [A-Za-z0-9._:-], the idempotency key):
// `fhir:<type>:<logical id>:<versionId>`, so the same version sent twice is a duplicate and a new
// version is a new event. FHIR ids and versionIds are up to 64 characters each, so a long
// identity is hashed (SHA-256, base64url) under `fhir:<type>::`, which no natural id can produce
// (a FHIR id is never empty). Without a versionId, the mapped event itself is the version: the
// same facts are a duplicate, changed facts a new event. `_` never occurs in a FHIR versionId.
import { createHash } from 'node:crypto';

const TYPE_CODES: Readonly<Record<string, string>> = {
  Patient: 'pat',
  Encounter: 'enc',
  Goal: 'goal',
  Observation: 'obs',
  QuestionnaireResponse: 'qr',
  EpisodeOfCare: 'eoc',
};
const MAX_ID = 64;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The version part: `meta.versionId`, else a digest of the mapped event body. */
export function versionOf(versionId: string | undefined, eventBody: unknown): string {
  return versionId ?? `_${sha256(JSON.stringify(eventBody)).slice(0, 16)}`;
}

export function fhirEventId(resourceType: string, logicalId: string, version: string): string {
  const type = TYPE_CODES[resourceType] ?? resourceType.toLowerCase();
  const natural = `fhir:${type}:${logicalId}:${version}`;
  if (natural.length <= MAX_ID) return natural;
  return `fhir:${type}::${sha256(`${resourceType}/${logicalId}/_history/${version}`)}`;
}

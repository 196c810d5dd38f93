// Posting FHIR Bundles to the real app, and the documented example Bundles as test input.
import { readFileSync } from 'node:fs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Bundle, FhirResource, OperationOutcome } from 'fhir/r4';
import { countItems } from '../support/count-items.js';
import type { App } from '../../functions/api/app.js';

export const postBundle = (app: App, key: string | undefined, body: unknown, contentType = 'application/fhir+json') =>
  app.request('/fhir/r4', {
    method: 'POST',
    headers: { 'content-type': contentType, ...(key ? { 'x-api-key': key } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

export const exampleBundle = (name: 'intake-transaction' | 'follow-up-batch'): Bundle<FhirResource> =>
  JSON.parse(readFileSync(new URL(`../../docs/fhir-examples/${name}.json`, import.meta.url), 'utf8'));

/** The example Bundle with every logical id (and reference to it) suffixed, Practitioners kept: another client's record. */
export function renumbered(bundle: Bundle<FhirResource>, suffix: string): Bundle<FhirResource> {
  const text = JSON.stringify(bundle)
    .replace(/"id":"([^"]+)"/g, `"id":"$1-${suffix}"`)
    .replace(/"((?:https:\/\/[^"]*\/)?(?:Patient|Goal|Encounter|Observation|QuestionnaireResponse|EpisodeOfCare)\/[A-Za-z0-9.-]+)"/g, `"$1-${suffix}"`);
  return JSON.parse(text);
}

/** A Bundle of the given resources. */
export const bundleOf = (type: 'transaction' | 'batch', resources: unknown[]) => ({
  resourceType: 'Bundle',
  type,
  entry: resources.map((resource) => ({ resource, request: { method: 'POST', url: (resource as { resourceType?: string })?.resourceType ?? 'x' } })),
});

/** How many events the platform holds, over every clinic. */
export const countStoredEvents = (db: DynamoDBDocumentClient): Promise<number> => countItems(db, 'EVENT#');

export type ResponseBundle = { resourceType: 'Bundle'; type: string; entry: { response: { status: string; location?: string; outcome?: OperationOutcome } }[] };

export const practitioner = { reference: 'Practitioner/co-1' };

/** A finished ambulatory Encounter of patient pt-1 with counselor co-1; `extra` replaces any field. */
export const encounter = (id: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Encounter',
  id,
  meta: { versionId: '1' },
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
  subject: { reference: 'Patient/pt-1' },
  participant: [{ individual: practitioner }],
  period: { start: '2026-03-02T10:00:00-05:00' },
  ...extra,
});

// A FHIR R4 transaction or batch Bundle (http://hl7.org/fhir/R4/http.html#transaction) → one mapped
// result per entry. Pure: the route stores the events and answers. Tenancy is checked here too:
// a resource whose managing organization or service provider is another clinic refuses the Bundle.
import type { OperationOutcomeIssue } from 'fhir/r4';
import { z } from 'zod';
import { eventFingerprint } from '../events/fingerprint.js';
import { MAX_BATCH } from '../events/schema.js';
import { mapResource, type MappedResource } from './map-resource.js';
import type { MappingContext } from './mapping.js';
import { errorIssue, informationIssue } from './operation-outcome.js';
import { resolveReference } from './references.js';

export const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.enum(['transaction', 'batch'], { message: 'must be "transaction" or "batch"' }),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().optional(),
        resource: z.unknown(),
        request: z.looseObject({ method: z.string().optional(), url: z.string().optional() }).optional(),
      }),
    )
    .min(1, 'a Bundle holds at least one entry')
    .max(MAX_BATCH, `a Bundle holds at most ${MAX_BATCH} entries; split it`),
});
export type IngestBundle = z.infer<typeof bundleSchema>;

/** Elements that name the clinic a resource belongs to (FHIR R4 Patient, EpisodeOfCare, Encounter). */
const ORGANIZATION_ELEMENTS = ['managingOrganization', 'serviceProvider'] as const;

/** The first element naming an Organization other than the key's clinic, as a FHIRPath. */
export function foreignClinic(bundle: IngestBundle, context: MappingContext): string | undefined {
  for (const [i, entry] of bundle.entry.entries()) {
    const resource = entry.resource as Record<string, unknown> | null;
    if (typeof resource !== 'object' || resource === null) continue;
    for (const element of ORGANIZATION_ELEMENTS) {
      const reference = resource[element] as { reference?: unknown } | undefined;
      if (typeof reference?.reference !== 'string') continue;
      const resolved = resolveReference({ reference: reference.reference }, context);
      if (resolved?.resourceType === 'Organization' && resolved.id !== context.clinicId) return `Bundle.entry[${i}].resource.${element}`;
    }
  }
  return undefined;
}

/** Resolves `urn:uuid:` and other fullUrls of the Bundle's own entries to their logical ids. */
export function fullUrlResolver(bundle: IngestBundle): MappingContext['resolveFullUrl'] {
  const byFullUrl = new Map<string, { resourceType: string; id: string }>();
  for (const { fullUrl, resource } of bundle.entry) {
    const { resourceType, id } = (resource ?? {}) as { resourceType?: unknown; id?: unknown };
    if (fullUrl && typeof resourceType === 'string' && typeof id === 'string') byFullUrl.set(fullUrl, { resourceType, id });
  }
  return (fullUrl) => byFullUrl.get(fullUrl);
}

const WRITE_METHODS = new Set(['POST', 'PUT']);

/** Every entry mapped; an event id carried twice with different bodies fails each entry holding it. */
export function mapBundle(bundle: IngestBundle, context: MappingContext): MappedResource[] {
  const mapped = bundle.entry.map((entry): MappedResource => {
    const method = entry.request?.method;
    if (method !== undefined && !WRITE_METHODS.has(method)) {
      return { ok: false, status: 422, issues: [errorIssue('not-supported', `${method} is not supported: events are append-only; send the resource with POST or PUT`, 'request.method')] };
    }
    return mapResource(entry.resource, context);
  });
  const fingerprints = new Map<string, Set<string>>();
  for (const m of mapped) {
    if (!m.ok || !m.event) continue;
    const set = fingerprints.get(m.event.id) ?? new Set();
    fingerprints.set(m.event.id, set.add(eventFingerprint(m.event)));
  }
  return mapped.map((m) =>
    m.ok && m.event && fingerprints.get(m.event.id)!.size > 1
      ? { ok: false, status: 400, issues: [errorIssue('duplicate', `${m.resourceType}/${m.id} version ${m.version} appears twice in this Bundle with different content`, `${m.resourceType}.meta.versionId`)] }
      : m,
  );
}

/** At most this many issues in one OperationOutcome: a Bundle of garbage gets a readable answer. */
export const MAX_ISSUES = 100;

/** A transaction's failing entries as one list of issues located in the Bundle, capped at MAX_ISSUES. */
export function transactionIssues(mapped: MappedResource[]): { status: 400 | 422; issues: OperationOutcomeIssue[] } | undefined {
  const failures = mapped.flatMap((m, i) => (m.ok ? [] : [{ m, i }]));
  if (failures.length === 0) return undefined;
  const issues = failures.flatMap(({ m, i }) =>
    m.issues.map((issue) => ({
      ...issue,
      expression: (issue.expression ?? ['']).map((e) => `Bundle.entry[${i}].${e.replace(/^[A-Z][A-Za-z]+(?=\.|\[|$)/, 'resource')}`),
    })),
  );
  const shown = issues.length > MAX_ISSUES ? [...issues.slice(0, MAX_ISSUES - 1), informationIssue(`… and ${issues.length - MAX_ISSUES + 1} more issues`)] : issues;
  return { status: failures.some(({ m }) => m.status === 400) ? 400 : 422, issues: shown };
}

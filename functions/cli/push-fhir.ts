// The FHIR side of the push CLI (`--fhir FILE`): an NDJSON file of FHIR R4 resources, one per line,
// sent as transaction Bundles per clinic to POST {base}/fhir/r4 with the native path's batching,
// concurrency, progress and retries (push-events.ts, push-client.ts).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Bundle } from 'fhir/r4';
import { postWithRetry, type IngestEvent, type IngestResult, type PostOptions } from './push-client.js';

/** A resource as the batcher sees it: `Type/id` as its id, and the clinic it goes to. */
export interface FhirItem extends IngestEvent {
  resource: { resourceType: string; id: string };
}

const ORGANIZATION = /(?:^|\/)Organization\/([A-Za-z0-9\-.]{1,64})$/;

/** The clinic a resource names (managingOrganization or serviceProvider), else `fallback`. */
function clinicOf(resource: Record<string, unknown>, fallback: string | undefined): string | undefined {
  for (const element of ['managingOrganization', 'serviceProvider']) {
    const reference = (resource[element] as { reference?: unknown } | undefined)?.reference;
    const match = typeof reference === 'string' ? ORGANIZATION.exec(reference) : null;
    if (match) return match[1];
  }
  return fallback;
}

/** Resources of an NDJSON file; a line that is not a resource with an id fails with its number. */
export async function* readNdjsonFhirResources(path: string, defaultClinic: string | undefined): AsyncGenerator<FhirItem, void, undefined> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let resource: Record<string, unknown>;
    try {
      resource = JSON.parse(line);
    } catch (error) {
      throw new Error(`${path}:${lineNumber}: not JSON (${(error as Error).message})`);
    }
    if (typeof resource?.resourceType !== 'string' || typeof resource.id !== 'string') {
      throw new Error(`${path}:${lineNumber}: not a FHIR resource with a string "resourceType" and "id"`);
    }
    const clinicId = clinicOf(resource, defaultClinic);
    if (clinicId === undefined) throw new Error(`${path}:${lineNumber}: names no clinic (managingOrganization / serviceProvider); give --clinic`);
    yield { id: `${resource.resourceType}/${resource.id}`, clinicId, resource: resource as FhirItem['resource'] };
  }
}

type ResponseEntry = { response?: { status?: string; location?: string } };

/** POSTs one clinic's resources as a transaction Bundle; 201 entries are stored, 200 with a version duplicates. */
export async function postFhirBundle(baseUrl: string, key: string, batch: IngestEvent[], options: PostOptions): Promise<IngestResult> {
  const resources = (batch as FhirItem[]).map((item) => item.resource);
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({ resource: resource as never, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } })),
  };
  const request = { url: `${baseUrl.replace(/\/+$/, '')}/fhir/r4`, contentType: 'application/fhir+json', body: JSON.stringify(bundle) };
  return postWithRetry(request, key, batch.map((item) => item.id), async (response) => {
    const entries = ((await response.json()) as { entry?: ResponseEntry[] }).entry ?? [];
    const result: IngestResult = { stored: [], duplicates: [] };
    entries.forEach((entry, i) => {
      const status = entry.response?.status ?? '';
      if (status.startsWith('201')) result.stored.push(batch[i]!.id);
      else if (status.startsWith('200') && entry.response?.location?.includes('/_history/')) result.duplicates.push(batch[i]!.id);
    });
    return result;
  }, options);
}

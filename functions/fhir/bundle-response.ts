// The answer to a stored Bundle: a FHIR R4 transaction-response or batch-response
// (http://hl7.org/fhir/R4/bundle.html#transaction-response), one entry per request entry, in order,
// with its HTTP status and, for an error or a note, an OperationOutcome.
import type { Bundle, BundleEntry, OperationOutcomeIssue } from 'fhir/r4';
import type { MappedResource } from './map-resource.js';
import { errorIssue, informationIssue, operationOutcome } from './operation-outcome.js';

/** What the store said about an event id. */
export type StoreOutcome = 'stored' | 'duplicate' | 'conflict';

const STATUS_TEXT: Readonly<Record<number, string>> = { 200: 'OK', 201: 'Created', 400: 'Bad Request', 409: 'Conflict', 422: 'Unprocessable Entity' };
const statusLine = (status: number) => `${status} ${STATUS_TEXT[status]}`;

function responseEntry(mapped: MappedResource, outcomeOf: (eventId: string) => StoreOutcome): BundleEntry {
  if (!mapped.ok) return { response: { status: statusLine(mapped.status), outcome: operationOutcome(mapped.issues) } };
  const issues: OperationOutcomeIssue[] = mapped.notes.map(informationIssue);
  let status = 200;
  if (mapped.event) {
    const stored = outcomeOf(mapped.event.id);
    if (stored === 'conflict') {
      issues.unshift(errorIssue('conflict', `event ${mapped.event.id} is already stored with a different body: the same resource version was sent with other content; nothing was overwritten`, `${mapped.resourceType}.meta.versionId`));
      status = 409;
    } else {
      status = stored === 'stored' ? 201 : 200;
      issues.unshift(informationIssue(`${stored === 'stored' ? 'recorded' : 'already recorded'} as ${mapped.event.type} event ${mapped.event.id}`));
    }
  }
  return {
    response: {
      status: statusLine(status),
      location: `${mapped.resourceType}/${mapped.id}${mapped.version ? `/_history/${mapped.version}` : ''}`,
      ...(mapped.version && !mapped.version.startsWith('_') ? { etag: `W/"${mapped.version}"` } : {}),
      ...(issues.length > 0 ? { outcome: operationOutcome(issues) } : {}),
    },
  };
}

export function bundleResponse(type: 'transaction' | 'batch', mapped: MappedResource[], outcomeOf: (eventId: string) => StoreOutcome): Bundle {
  return { resourceType: 'Bundle', type: `${type}-response`, entry: mapped.map((m) => responseEntry(m, outcomeOf)) };
}

// Every admin call in one small module, because several are changing on other branches:
//  - ingest keys gain a list (GET) and a revoke (DELETE);
//  - the aggregation turns asynchronous (POST → 202 { runId }, GET …/{runId}, GET → lastRun and
//    per-clinic freshness);
//  - the audit log gains `cursor`/`nextCursor` pagination.
// Each call answers with today's API as well, and says `unavailable` where an endpoint is not
// there yet (404/405), so the page degrades instead of breaking.
import { ApiError, apiGet, apiRequest, query } from './http.js';

export type Clinic = { clinicId: string; timeZone: string; researchConsent: boolean; updatedAt: string };
export type IngestKey = { keyId: string; clinicId: string; createdAt: string; revokedAt?: string };
export type NewIngestKey = IngestKey & { secret: string };
export type AggregationReport = { status: 'completed'; mode: string; asOf: string; clinics: number; eventsRead: number; clientsDerived: number; itemsWritten: number; durationMs: number };
export type AggregationRun = { runId: string; status: 'queued' | 'running' | 'completed' | 'failed'; report?: AggregationReport; error?: string };
export type AggregationOverview = {
  lastRun: AggregationRun | null;
  clinics: { clinicId: string; status: 'fresh' | 'stale' | 'failing'; asOf: string | null; error?: string }[];
};
export type AuditEntry = { at: string; actor: string; role: string; scope: string[]; action: string; purpose?: string; rows?: number; suppressedCells?: number };
export type AuditPage = { day: string; entries: AuditEntry[]; nextCursor?: string };

export type Maybe<T> = { available: true; value: T } | { available: false };

const id = encodeURIComponent;

/** 404 or 405 from a route another branch adds: not there yet. */
async function ifAvailable<T>(call: () => Promise<T>): Promise<Maybe<T>> {
  try {
    return { available: true, value: await call() };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return { available: false };
    throw error;
  }
}

export const listClinics = () => apiGet<{ clinics: Clinic[] }>('/v1/admin/clinics').then((r) => r.clinics);

export const saveClinic = (clinicId: string, settings: { timeZone: string; researchConsent: boolean }) =>
  apiRequest<Clinic>('PUT', `/v1/admin/clinics/${id(clinicId)}`, settings);

export const createIngestKey = (clinicId: string) => apiRequest<NewIngestKey>('POST', `/v1/admin/clinics/${id(clinicId)}/ingest-keys`);

export const listIngestKeys = (clinicId: string) =>
  ifAvailable(() => apiGet<{ keys: IngestKey[] }>(`/v1/admin/clinics/${id(clinicId)}/ingest-keys`).then((r) => r.keys));

export const revokeIngestKey = (clinicId: string, keyId: string) =>
  apiRequest<void>('DELETE', `/v1/admin/clinics/${id(clinicId)}/ingest-keys/${id(keyId)}`);

export const aggregationOverview = () => ifAvailable(() => apiGet<AggregationOverview>('/v1/admin/aggregations'));

/**
 * Starts a run and resolves with its outcome. Today's API answers 200 with the report; the
 * asynchronous one answers 202 with a runId, polled here until it completes or fails.
 */
export async function runAggregation(onProgress: (run: AggregationRun) => void = () => {}): Promise<AggregationRun> {
  const answer = await apiRequest<AggregationReport | { runId: string }>('POST', '/v1/admin/aggregations');
  if (!('runId' in answer)) return { runId: 'now', status: 'completed', report: answer };
  for (;;) {
    const run = await apiGet<AggregationRun>(`/v1/admin/aggregations/${id(answer.runId)}`);
    onProgress(run);
    if (run.status === 'completed' || run.status === 'failed') return run;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export const auditDay = (day: string, cursor?: string) => apiGet<AuditPage>(`/v1/admin/audit${query({ day, cursor })}`);

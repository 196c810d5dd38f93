// Every admin call in one small module, because several are changing on other branches:
//  - ingest keys gain a list (GET) and a revoke (DELETE);
//  - the aggregation turns asynchronous (POST → 202 { runId }, GET …/{runId}, GET → lastRun and
//    per-clinic freshness);
//  - the audit log gains `cursor`/`nextCursor` pagination.
// Each call answers with today's API as well, and says `unavailable` where an endpoint is not
// there yet (404/405), so the page degrades instead of breaking.
import type {
  AggregationReportResponse,
  AuditLogResponse,
  Clinic,
  ClinicListResponse,
  IngestKeyListResponse,
  IngestKeyResponse,
  RevokedIngestKeyResponse,
} from '../../../functions/api/contract.js';
import { apiPaths } from '../../../functions/api/contract.js';
import { ApiError, apiGet, apiRequest, query } from './http.js';

export type { Clinic };
type AggregationReport = AggregationReportResponse;
export type AggregationRun = { runId: string; status: 'queued' | 'running' | 'completed' | 'failed'; report?: AggregationReport; error?: string };
type AggregationOverview = {
  lastRun: AggregationRun | null;
  clinics: { clinicId: string; status: 'fresh' | 'stale' | 'failing'; asOf: string | null; error?: string }[];
};
export type AuditPage = AuditLogResponse & { nextCursor?: string };

type Maybe<T> = { available: true; value: T } | { available: false };

/** 404 or 405 from a route another branch adds: not there yet. */
async function ifAvailable<T>(call: () => Promise<T>): Promise<Maybe<T>> {
  try {
    return { available: true, value: await call() };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return { available: false };
    throw error;
  }
}

export const listClinics = () => apiGet<ClinicListResponse>(apiPaths.adminClinics).then((r) => r.clinics);

export const saveClinic = (clinicId: string, settings: { timeZone: string; researchConsent: boolean }) =>
  apiRequest<Clinic>('PUT', apiPaths.adminClinic(clinicId), settings);

export const createIngestKey = (clinicId: string) => apiRequest<IngestKeyResponse>('POST', apiPaths.adminIngestKeys(clinicId));

export const listIngestKeys = (clinicId: string) =>
  ifAvailable(() => apiGet<IngestKeyListResponse>(apiPaths.adminIngestKeys(clinicId)).then((r) => r.keys));

export const revokeIngestKey = (clinicId: string, keyId: string) =>
  apiRequest<RevokedIngestKeyResponse>('DELETE', `${apiPaths.adminIngestKeys(clinicId)}/${encodeURIComponent(keyId)}`);

export const aggregationOverview = () => ifAvailable(() => apiGet<AggregationOverview>(apiPaths.adminAggregations));

/**
 * Starts a run and resolves with its outcome. Today's API answers 200 with the report; the
 * asynchronous one answers 202 with a runId, polled here until it completes or fails.
 */
export async function runAggregation(onProgress: (run: AggregationRun) => void = () => {}): Promise<AggregationRun> {
  const answer = await apiRequest<AggregationReport | { runId: string }>('POST', apiPaths.adminAggregations);
  if (!('runId' in answer)) return { runId: 'now', status: 'completed', report: answer };
  for (;;) {
    const run = await apiGet<AggregationRun>(`${apiPaths.adminAggregations}/${encodeURIComponent(answer.runId)}`);
    onProgress(run);
    if (run.status === 'completed' || run.status === 'failed') return run;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export const auditDay = (day: string, cursor?: string) => apiGet<AuditPage>(`${apiPaths.adminAudit}${query({ day, cursor })}`);

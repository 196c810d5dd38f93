// Every admin call in one small module, each typed from the API's contract: clinics, ingest keys
// (create, list, revoke), the asynchronous aggregation (POST → 202 { runId }, GET …/{runId}, and
// GET → last run and per-clinic freshness) and the audit log, a page at a time (`nextCursor`).
import type {
  AggregationOverviewResponse,
  AggregationRunResponse,
  AggregationStartedResponse,
  AuditLogResponse,
  Clinic,
  ClinicListResponse,
  IngestKeyListResponse,
  IngestKeyResponse,
  RevokedIngestKeyResponse,
} from '../../../functions/api/contract.js';
import { apiPaths } from '../../../functions/api/contract.js';
import { apiGet, apiRequest, query } from './http.js';
import { type Wait, watch } from './watch.js';

export type { Clinic };
export type AggregationRun = AggregationRunResponse;
export type AggregationOverview = AggregationOverviewResponse;
export type AuditPage = AuditLogResponse;

export const listClinics = () => apiGet<ClinicListResponse>(apiPaths.adminClinics).then((r) => r.clinics);

export const saveClinic = (clinicId: string, settings: { timeZone: string; researchConsent: boolean }) =>
  apiRequest<Clinic>('PUT', apiPaths.adminClinic(clinicId), settings);

export const createIngestKey = (clinicId: string) => apiRequest<IngestKeyResponse>('POST', apiPaths.adminIngestKeys(clinicId));

export const listIngestKeys = (clinicId: string) => apiGet<IngestKeyListResponse>(apiPaths.adminIngestKeys(clinicId)).then((r) => r.keys);

export const revokeIngestKey = (clinicId: string, keyId: string) =>
  apiRequest<RevokedIngestKeyResponse>('DELETE', `${apiPaths.adminIngestKeys(clinicId)}/${encodeURIComponent(keyId)}`);

export const aggregationOverview = () => apiGet<AggregationOverviewResponse>(apiPaths.adminAggregations);

const startAggregation = () => apiRequest<AggregationStartedResponse>('POST', apiPaths.adminAggregations);

const aggregationRun = (runId: string) => apiGet<AggregationRunResponse>(`${apiPaths.adminAggregations}/${encodeURIComponent(runId)}`);


// A run takes seconds locally and up to minutes across many clinics: poll quickly at first, then
// back off to at most every 5 s.
const POLL_FIRST_MS = 250;
const POLL_MAX_MS = 5000;

/** Reads a run until it completes or fails, reporting each status on the way. */
export function pollRun(read: () => Promise<AggregationRun>, onProgress: (run: AggregationRun) => void, wait?: Wait): Promise<AggregationRun> {
  return watch(read, {
    settled: (run) => run.status === 'completed' || run.status === 'failed',
    onReading: onProgress,
    stopped: () => false,
    delayMs: (attempt) => Math.min(POLL_FIRST_MS * 2 ** attempt, POLL_MAX_MS),
    wait,
  });
}

/** Starts a run (202 with its id) and resolves with its outcome. */
export async function runAggregation(onProgress: (run: AggregationRun) => void = () => {}): Promise<AggregationRun> {
  const { runId } = await startAggregation();
  return pollRun(() => aggregationRun(runId), onProgress);
}

export const auditDay = (day: string, cursor?: string) => apiGet<AuditPage>(`${apiPaths.adminAudit}${query({ day, cursor })}`);

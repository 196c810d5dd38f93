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

/** Waits between polls; the page waits real time, a test passes its own. */
type Wait = (ms: number) => Promise<void>;
const realWait: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A run takes seconds locally and up to minutes across many clinics: poll quickly at first, then
// back off to at most every 5 s.
const POLL_FIRST_MS = 250;
const POLL_MAX_MS = 5000;

/** Reads a run until it completes or fails, reporting each status on the way. */
export async function pollRun(read: () => Promise<AggregationRun>, onProgress: (run: AggregationRun) => void, wait: Wait): Promise<AggregationRun> {
  for (let delay = POLL_FIRST_MS; ; delay = Math.min(delay * 2, POLL_MAX_MS)) {
    const run = await read();
    onProgress(run);
    if (run.status === 'completed' || run.status === 'failed') return run;
    await wait(delay);
  }
}

/** Starts a run (202 with its id) and resolves with its outcome. */
export async function runAggregation(onProgress: (run: AggregationRun) => void = () => {}, wait: Wait = realWait): Promise<AggregationRun> {
  const { runId } = await startAggregation();
  return pollRun(() => aggregationRun(runId), onProgress, wait);
}

export const auditDay = (day: string, cursor?: string) => apiGet<AuditPage>(`${apiPaths.adminAudit}${query({ day, cursor })}`);

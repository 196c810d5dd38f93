// Typed calls of the read endpoints, one per route, on the contract's paths.
import { apiPaths } from '../../../functions/api/contract.js';
import { apiGet, query } from './http.js';
import type { CaseloadResponse, ClientTimelineResponse, ClinicComparisonResponse, ClinicMetricsResponse, NetworkComparisonResponse } from './types.js';

export const getClinicMetrics = (clinicId: string, range: { from?: string; to?: string } = {}) =>
  apiGet<ClinicMetricsResponse>(`${apiPaths.clinicMetrics(clinicId)}${query(range)}`);

export const getClinicComparison = (clinicId: string) => apiGet<ClinicComparisonResponse>(apiPaths.clinicComparison(clinicId));

export const getNetworkComparison = (clinicId?: string) => apiGet<NetworkComparisonResponse>(`${apiPaths.networkComparison}${query({ clinicId })}`);

export const getCaseload = (counselorId: string) => apiGet<CaseloadResponse>(apiPaths.caseload(counselorId));

export const getClientTimeline = (counselorId: string, clientId: string) => apiGet<ClientTimelineResponse>(apiPaths.clientTimeline(counselorId, clientId));

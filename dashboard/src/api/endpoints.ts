// Typed calls of the read endpoints, one per route.
import { apiGet, query } from './http.js';
import type { CaseloadResponse, ClinicComparisonResponse, ClinicMetricsResponse, NetworkComparisonResponse } from './types.js';
import type { ClientTimelineResponse } from './timeline-types.js';

const id = encodeURIComponent;

export const getClinicMetrics = (clinicId: string, range: { from?: string; to?: string } = {}) =>
  apiGet<ClinicMetricsResponse>(`/v1/clinics/${id(clinicId)}/metrics${query(range)}`);

export const getClinicComparison = (clinicId: string) => apiGet<ClinicComparisonResponse>(`/v1/clinics/${id(clinicId)}/comparison`);

export const getNetworkComparison = (clinicId?: string) => apiGet<NetworkComparisonResponse>(`/v1/network/comparison${query({ clinicId })}`);

export const getCaseload = (counselorId: string) => apiGet<CaseloadResponse>(`/v1/counselors/${id(counselorId)}/caseload`);

export const getClientTimeline = (counselorId: string, clientId: string) =>
  apiGet<ClientTimelineResponse>(`/v1/counselors/${id(counselorId)}/clients/${id(clientId)}/timeline`);

// The research export calls (issue 10 §7): request, list, one export, and a file's download.
import type { ExportDownloadLink, ExportListResponse, ExportRequest, ExportView, RequestedExportResponse } from '../../../functions/api/contract.js';
import { apiPaths } from '../../../functions/api/contract.js';
import { apiFetch, apiGet, apiRequest } from './http.js';

export type { ExportRequest, ExportView };

export const listExports = () => apiGet<ExportListResponse>(apiPaths.exports).then((r) => r.exports);

export const requestExport = (request: ExportRequest) => apiRequest<RequestedExportResponse>('POST', apiPaths.exports, request);

export const getExport = (exportId: string) => apiGet<ExportView>(apiPaths.export(exportId));

/**
 * One file of a complete export, for the page to save. The download needs the bearer token, so it
 * is fetched, not linked. Locally the API streams the file, answered here as a blob; in AWS it
 * answers with a presigned S3 link (asked for as JSON, because the dashboard's CSP lets fetch reach
 * only its own origin) for the browser to navigate to — the link says "attachment", so the page stays.
 */
export async function fetchExportFile(exportId: string, file: string): Promise<{ link: string } | { blob: Blob }> {
  const response = await apiFetch(apiPaths.exportFile(exportId, file), { accept: 'application/json, application/octet-stream;q=0.9' });
  if ((response.headers.get('content-type') ?? '').startsWith('application/json')) return { link: ((await response.json()) as ExportDownloadLink).url };
  return { blob: await response.blob() };
}

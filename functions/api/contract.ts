// The API's typed contract for the dashboard: every response type and every path, in one module.
// Import it with `import type { … }` for the types; `apiPaths` is the only value here, and this
// module imports nothing at run time, so bundling it pulls no server code into the dashboard.
// The types are inferred from the response schemas, which are checked against the engine's types
// at compile time (functions/api/schemas/same-shape.ts): a renamed field fails `tsc` in the page.
import type { z } from '@hono/zod-openapi';
import type {
  caseloadResponse,
  clientTimelineResponse,
  clinicComparisonResponse,
  clinicMetricsResponse,
} from './routes/metrics-schemas.js';
import type { breakdownRowSchema, networkComparisonResponse, networkFigureSchema, publishedCountSchema } from './routes/network-comparison-response.js';
import type { groupMetricsSchema, } from './schemas/group-metrics-schema.js';
import type { trendRowSchema } from './schemas/trend-schema.js';
import type { caseloadRowSchema, } from './schemas/caseload-schema.js';
import type { modeComparisonSchema } from './schemas/comparison-schema.js';
import type { differenceEstimateSchema, effectSizeEstimateSchema, proportionEstimateSchema } from './schemas/estimate-schemas.js';
import type { problemSchema } from './routes/problem-schema.js';
import type { listClinicsRoute, putClinicRoute } from './routes/admin-clinics.js';
import type { createIngestKeyRoute, listIngestKeysRoute, revokeIngestKeyRoute } from './routes/admin-ingest-keys.js';
import type { aggregationOverviewRoute, aggregationRunRoute, startAggregationRoute } from './routes/admin-aggregations.js';
import type { auditLogRoute } from './routes/admin-audit.js';
import type { downloadExportFileRoute, getExportRoute, listExportsRoute, requestExportRoute } from './routes/exports.js';
import type { exportRequestSchema } from './routes/exports-schemas.js';

// ---- the metrics responses ----
export type ClinicMetricsResponse = z.infer<typeof clinicMetricsResponse>;
export type ClinicComparisonResponse = z.infer<typeof clinicComparisonResponse>;
export type NetworkComparisonResponse = z.infer<typeof networkComparisonResponse>;
export type CaseloadResponse = z.infer<typeof caseloadResponse>;
export type ClientTimelineResponse = z.infer<typeof clientTimelineResponse>;

// ---- the figures inside them ----
export type GroupMetrics = z.infer<typeof groupMetricsSchema>;
export type TrendRow = z.infer<typeof trendRowSchema>;
export type CaseloadRow = z.infer<typeof caseloadRowSchema>;
export type ModeComparison = z.infer<typeof modeComparisonSchema>;
export type ProportionComparison = ModeComparison['attainment'];
export type ProportionEstimate = z.infer<typeof proportionEstimateSchema>;
export type DifferenceEstimate = z.infer<typeof differenceEstimateSchema>;
export type EffectSizeEstimate = z.infer<typeof effectSizeEstimateSchema>;
export type NetworkFigure = z.infer<typeof networkFigureSchema>;
export type BreakdownRow = z.infer<typeof breakdownRowSchema>;
export type PublishedCount = z.infer<typeof publishedCountSchema>;

// ---- the other responses the dashboard reads ----
/** The JSON body a route answers with the given status. */
type JsonBody<Route, Status extends number> = Route extends {
  responses: { [S in Status]: { content: { 'application/json': { schema: infer Schema extends z.ZodType } } } };
}
  ? z.infer<Schema>
  : never;

export type ProblemDetails = z.infer<typeof problemSchema>;
export type Clinic = JsonBody<typeof putClinicRoute, 200>;
export type ClinicListResponse = JsonBody<typeof listClinicsRoute, 200>;
export type IngestKeyResponse = JsonBody<typeof createIngestKeyRoute, 201>;
export type IngestKeyListResponse = JsonBody<typeof listIngestKeysRoute, 200>;
export type RevokedIngestKeyResponse = JsonBody<typeof revokeIngestKeyRoute, 200>;
export type AggregationStartedResponse = JsonBody<typeof startAggregationRoute, 202>;
export type AggregationRunResponse = JsonBody<typeof aggregationRunRoute, 200>;
export type AggregationOverviewResponse = JsonBody<typeof aggregationOverviewRoute, 200>;
export type AuditLogResponse = JsonBody<typeof auditLogRoute, 200>;

// ---- the research exports (issue 10) ----
export type ExportRequest = z.input<typeof exportRequestSchema>;
export type ExportView = JsonBody<typeof getExportRoute, 200>;
export type RequestedExportResponse = JsonBody<typeof requestExportRoute, 202>;
export type ExportListResponse = JsonBody<typeof listExportsRoute, 200>;
/** The presigned link the download route answers when asked for JSON (AWS); locally it streams the file. */
export type ExportDownloadLink = JsonBody<typeof downloadExportFileRoute, 200>;

// ---- the paths ----
const id = encodeURIComponent;

/** Every path the dashboard calls, ids encoded; add the query string (from, to, clinicId, day) yourself
 * (exportFile carries its own). */
export const apiPaths = {
  health: '/v1/health',
  clinicMetrics: (clinicId: string) => `/v1/clinics/${id(clinicId)}/metrics`,
  clinicComparison: (clinicId: string) => `/v1/clinics/${id(clinicId)}/comparison`,
  networkComparison: '/v1/network/comparison',
  caseload: (counselorId: string) => `/v1/counselors/${id(counselorId)}/caseload`,
  clientTimeline: (counselorId: string, clientId: string) => `/v1/counselors/${id(counselorId)}/clients/${id(clientId)}/timeline`,
  adminClinics: '/v1/admin/clinics',
  adminClinic: (clinicId: string) => `/v1/admin/clinics/${id(clinicId)}`,
  adminIngestKeys: (clinicId: string) => `/v1/admin/clinics/${id(clinicId)}/ingest-keys`,
  adminAggregations: '/v1/admin/aggregations',
  adminAudit: '/v1/admin/audit',
  exports: '/v1/exports',
  export: (exportId: string) => `/v1/exports/${id(exportId)}`,
  exportFile: (exportId: string, file: string) => `/v1/exports/${id(exportId)}/download?file=${id(file)}`,
} as const;

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClinicMetrics, ModeComparison } from '../metrics/index.js';
import { batchGetAll } from './batch-get.js';
import { metricKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';

/** What the aggregation stores for a clinic's director: metrics, trends and the mode comparison. */
export interface ClinicView {
  clinicId: string;
  timeZone: string;
  asOf: string;
  metrics: ClinicMetrics;
  comparison: ModeComparison;
  counselorComparisons: { counselorId: string; comparison: ModeComparison }[];
}

// A counselor's row and comparison pack to about 0.8 KB: 100 a page keeps a page near 80 KB, and
// the main item holds only the clinic-wide figures (a clinic of 300 counselors packed whole was
// 255 KB, so one of 500 would not fit one item).
const COUNSELORS_PER_PAGE = 100;

type CounselorRows = Pick<ClinicView, 'counselorComparisons'> & { counselors: ClinicMetrics['counselors'] };

/** The view as items: the clinic-wide figures, and its counselors' rows in pages. */
export function clinicViewItems(view: ClinicView): Record<string, unknown>[] {
  const { counselors, ...clinicWide } = view.metrics;
  const pages = Math.ceil(counselors.length / COUNSELORS_PER_PAGE);
  const page = (i: number): CounselorRows => ({
    counselors: counselors.slice(i * COUNSELORS_PER_PAGE, (i + 1) * COUNSELORS_PER_PAGE),
    counselorComparisons: view.counselorComparisons.slice(i * COUNSELORS_PER_PAGE, (i + 1) * COUNSELORS_PER_PAGE),
  });
  return [
    { ...metricKeys.clinicMetrics(view.clinicId), asOf: view.asOf, pages, view: packJson({ ...view, metrics: clinicWide, counselorComparisons: [] }) },
    ...Array.from({ length: pages }, (_, i) => ({ ...metricKeys.clinicViewPage(view.clinicId, i), asOf: view.asOf, rows: packJson(page(i)) })),
  ];
}

export async function getClinicView(db: DynamoDBDocumentClient, clinicId: string): Promise<ClinicView | undefined> {
  const [main] = await batchGetAll(db, [metricKeys.clinicMetrics(clinicId)]);
  if (!main) return undefined;
  const view = unpackJson<Omit<ClinicView, 'metrics'> & { metrics: Omit<ClinicMetrics, 'counselors'> }>(main.view as Uint8Array);
  const pages = await batchGetAll(db, Array.from({ length: main.pages as number }, (_, i) => metricKeys.clinicViewPage(clinicId, i)));
  const rows = pages.sort((x, y) => (String(x.sk) < String(y.sk) ? -1 : 1)).map((p) => unpackJson<CounselorRows>(p.rows as Uint8Array));
  return {
    ...view,
    metrics: { ...view.metrics, counselors: rows.flatMap((r) => r.counselors) } as ClinicMetrics,
    counselorComparisons: rows.flatMap((r) => r.counselorComparisons),
  };
}

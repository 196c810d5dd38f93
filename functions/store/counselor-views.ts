import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Caseload, GroupMetrics } from '../metrics/index.js';
import { batchGetAll } from './batch-get.js';
import { metricKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';

/** What the aggregation stores for a counselor: their caseload with flags, and weekly trends. */
export interface CounselorView {
  clinicId: string;
  counselorId: string;
  timeZone: string;
  asOf: string;
  metrics: GroupMetrics;
  caseload: Caseload;
}

export const counselorViewItem = (view: CounselorView) => ({
  ...metricKeys.counselorMetrics(view.clinicId, view.counselorId),
  asOf: view.asOf,
  view: packJson(view),
});

/** A counselor id is unique within a clinic: look it up in each clinic the caller may see. */
export async function getCounselorViews(
  db: DynamoDBDocumentClient,
  clinicIds: string[],
  counselorId: string,
): Promise<CounselorView[]> {
  const items = await batchGetAll(db, clinicIds.map((clinicId) => metricKeys.counselorMetrics(clinicId, counselorId)));
  return items
    .map((i) => unpackJson<CounselorView>(i.view as Uint8Array))
    .sort((x, y) => (x.clinicId < y.clinicId ? -1 : 1));
}

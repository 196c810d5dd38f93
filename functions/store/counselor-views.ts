// A counselor's view, put together on read: the figures and weekly trends from the counselor's
// fold (counselor-partials.ts), the caseload from its rows (caseload-rows.ts). Nothing of it is
// stored whole, so re-deriving one client never rewrites a counselor's caseload.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { caseloadOf, counselorMetricsOf, type Caseload, type GroupMetrics } from '../metrics/index.js';
import { batchGetAll } from './batch-get.js';
import { caseloadRows } from './caseload-rows.js';
import { storedCounselorFold } from './counselor-partials.js';
import { metricKeys } from './keys.js';

export interface CounselorView {
  clinicId: string;
  counselorId: string;
  timeZone: string;
  asOf: string;
  metrics: GroupMetrics;
  caseload: Caseload;
}

/** A counselor id is unique within a clinic: look it up in each clinic the caller may see. */
export async function getCounselorViews(db: DynamoDBDocumentClient, clinicIds: string[], counselorId: string): Promise<CounselorView[]> {
  const items = await batchGetAll(db, clinicIds.map((clinicId) => metricKeys.counselorPartial(clinicId, counselorId)));
  const views = await Promise.all(
    items.map(async (item) => {
      const clinicId = (item.pk as string).slice(metricKeys.partition('').length);
      const fold = storedCounselorFold(item);
      const rows = await caseloadRows(db, clinicId, counselorId);
      return {
        clinicId,
        counselorId,
        timeZone: fold.timeZone,
        asOf: fold.asOf,
        metrics: counselorMetricsOf(fold.partial, counselorId),
        caseload: caseloadOf(rows, fold.weeks, fold.asOf, fold.timeZone),
      };
    }),
  );
  return views.sort((x, y) => (x.clinicId < y.clinicId ? -1 : 1));
}

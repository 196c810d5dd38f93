// A counselor's view, put together on read: the weekly trends from the counselor's fold
// (counselor-partials.ts), the caseload from its rows (caseload-rows.ts). Nothing of it is
// stored whole, so re-deriving one client never rewrites a counselor's caseload.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { caseloadOf, type Caseload } from '../metrics/index.js';
import { batchGetAll } from './batch-get.js';
import { caseloadRows } from './caseload-rows.js';
import { storedCounselorFold } from './counselor-partials.js';
import { metricKeys } from './keys.js';

/** Where a counselor is and as of when their figures stand, from their fold item alone. */
export interface CounselorFoldHead {
  clinicId: string;
  counselorId: string;
  timeZone: string;
  asOf: string;
}

export interface CounselorView extends CounselorFoldHead {
  caseload: Caseload;
}

/**
 * A counselor id is unique within a clinic: the counselor's fold item in the first (by clinic id)
 * of the clinics the caller may see that has the counselor.
 */
async function firstFoldItem(db: DynamoDBDocumentClient, clinicIds: string[], counselorId: string) {
  const items = await batchGetAll(db, clinicIds.map((clinicId) => metricKeys.counselorPartial(clinicId, counselorId)));
  const [item] = items.sort((x, y) => (clinicOf(x) < clinicOf(y) ? -1 : 1));
  return item;
}

const clinicOf = (item: Record<string, unknown>) => (item.pk as string).slice(metricKeys.partition('').length);

/** As getCounselorView, but unpacks no fold and reads no caseload row: for a caller that needs only the as-of time and zone. */
export async function getCounselorFoldHead(db: DynamoDBDocumentClient, clinicIds: string[], counselorId: string): Promise<CounselorFoldHead | undefined> {
  const item = await firstFoldItem(db, clinicIds, counselorId);
  return item && { clinicId: clinicOf(item), counselorId, timeZone: item.timeZone as string, asOf: item.asOf as string };
}

/** The view of the counselor in the first clinic that has them (firstFoldItem); its caseload rows alone are read. */
export async function getCounselorView(db: DynamoDBDocumentClient, clinicIds: string[], counselorId: string): Promise<CounselorView | undefined> {
  const item = await firstFoldItem(db, clinicIds, counselorId);
  if (!item) return undefined;
  const clinicId = clinicOf(item);
  const fold = storedCounselorFold(item);
  const rows = await caseloadRows(db, clinicId, counselorId);
  return { clinicId, counselorId, timeZone: fold.timeZone, asOf: fold.asOf, caseload: caseloadOf(rows, fold.weeks, fold.asOf, fold.timeZone) };
}

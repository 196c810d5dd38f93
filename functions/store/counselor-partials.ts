// Each counselor's mergeable partial aggregate (metrics/group-partial.ts) and weekly tallies, kept
// by delta: a clinic task takes a re-derived client's old summary out and puts its new one in, so
// it reads no other client. The clinic's figures are the merge of every counselor's partial, so
// re-folding a clinic reads one small item per counselor, never a summary; the caseload endpoint
// reads the counselor's item and rows (counselor-views.ts).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { GroupPartial, PeriodTally } from '../metrics/index.js';
import { metricKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

/** What a counselor's clients add up to: the partial, and weekly tallies from the caseload's first week on. */
export interface CounselorFold {
  partial: GroupPartial;
  weeks: Record<string, PeriodTally>;
}

export interface StoredCounselorFold extends CounselorFold {
  counselorId: string;
  /** When the fold last changed, and the zone its weeks are in. */
  asOf: string;
  timeZone: string;
}

export const counselorPartialItem = (clinicId: string, fold: StoredCounselorFold) => ({
  ...metricKeys.counselorPartial(clinicId, fold.counselorId),
  counselorId: fold.counselorId,
  asOf: fold.asOf,
  timeZone: fold.timeZone,
  // One packed attribute for both: a second compressed stream costs its own header on every read.
  fold: packJson({ partial: fold.partial, weeks: fold.weeks }),
});

export const storedCounselorFold = (item: Record<string, unknown>): StoredCounselorFold => ({
  counselorId: item.counselorId as string,
  asOf: item.asOf as string,
  timeZone: item.timeZone as string,
  // A partial of the first layout (no `fold`) is only ever read to be replaced: the clinic's next
  // task rebuilds it (clinic-aggregation.ts, FIGURES_LAYOUT); until then it reads as empty.
  ...(item.fold ? unpackJson<CounselorFold>(item.fold as Uint8Array) : { partial: { counselors: {}, months: {} }, weeks: {} }),
});

/** Every counselor's fold of a clinic, by counselor. */
export async function counselorPartials(db: DynamoDBDocumentClient, clinicId: string): Promise<Map<string, StoredCounselorFold>> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': metricKeys.counselorPartialPrefix },
    ConsistentRead: true,
  });
  return new Map(items.map((i) => [i.counselorId as string, storedCounselorFold(i)]));
}

// The small per-clinic count row the network step reads (SPEC §8: the network table is built from
// one item per clinic, never from client summaries): the 2×2 cells of goal attainment and 90-day
// retention by goal-setting mode. Written by the clinic's own aggregation in the batch it writes.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ComparisonCounts } from '../metrics/index.js';
import { batchGetAll } from './batch-get.js';
import { metricKeys } from './keys.js';

export interface ClinicCountRow {
  clinicId: string;
  asOf: string;
  counts: ComparisonCounts;
}

export const clinicCountRowItem = (row: ClinicCountRow) => ({ ...metricKeys.clinicCountRow(row.clinicId), ...row });

/** The count rows of these clinics, by clinic id; a clinic never aggregated has none. */
export async function clinicCountRows(db: DynamoDBDocumentClient, clinicIds: readonly string[]): Promise<Map<string, ClinicCountRow>> {
  const items = await batchGetAll(db, clinicIds.map(metricKeys.clinicCountRow));
  return new Map(
    items.map((item) => {
      const { clinicId, asOf, counts } = item as unknown as ClinicCountRow;
      return [clinicId, { clinicId, asOf, counts }];
    }),
  );
}

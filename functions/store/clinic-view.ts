import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClinicMetrics, ModeComparison } from '../metrics/index.js';
import { metricKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';
import { tableName } from './table.js';

/** What the aggregation stores for a clinic's director: metrics, trends and the mode comparison. */
export interface ClinicView {
  clinicId: string;
  timeZone: string;
  asOf: string;
  metrics: ClinicMetrics;
  comparison: ModeComparison;
  counselorComparisons: { counselorId: string; comparison: ModeComparison }[];
}

export const clinicViewItem = (view: ClinicView) => ({
  ...metricKeys.clinicMetrics(view.clinicId),
  asOf: view.asOf,
  view: packJson(view),
});

export async function getClinicView(db: DynamoDBDocumentClient, clinicId: string): Promise<ClinicView | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: metricKeys.clinicMetrics(clinicId) }));
  return Item ? unpackJson<ClinicView>(Item.view as Uint8Array) : undefined;
}

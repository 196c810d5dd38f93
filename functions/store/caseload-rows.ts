// Each client on a caseload has a row item under its counselor, written with the client's state
// by the clinic task: the caseload endpoint reads a counselor's rows with one query, and a client
// that is re-derived costs one small write instead of a rewrite of its counselor's whole caseload.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseloadRow } from '../metrics/index.js';
import { metricKeys } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export const caseloadRowItem = (clinicId: string, row: CaseloadRow) => ({ ...metricKeys.caseloadRow(clinicId, row.counselorId, row.clientId), row });

/** A counselor's caseload rows, in no particular order. */
export async function caseloadRows(db: DynamoDBDocumentClient, clinicId: string, counselorId: string): Promise<CaseloadRow[]> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': metricKeys.caseloadRowPrefix(counselorId) },
    ProjectionExpression: '#row',
    ExpressionAttributeNames: { '#row': 'row' },
  });
  return items.map((i) => i.row as CaseloadRow);
}

// Where a clinic's caseloads are: each counselor's chunk count and its clients' earliest due time.
// Kept apart from the clinic's aggregation item, which ingest updates and every run's coordinator
// reads: this grows with the counselors (about 70 bytes each) and only the clinic's task needs it.
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { metricKeys } from './keys.js';
import { tableName } from './table.js';

export interface CounselorFiling {
  chunks: number;
  nextDueAt?: string;
}

export const caseloadFilingItem = (clinicId: string, counselors: ReadonlyMap<string, CounselorFiling>) => ({
  ...metricKeys.caseloadFiling(clinicId),
  counselors: Object.fromEntries(counselors),
});

export async function caseloadFiling(db: DynamoDBDocumentClient, clinicId: string): Promise<Map<string, CounselorFiling>> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: metricKeys.caseloadFiling(clinicId), ConsistentRead: true }));
  return new Map(Object.entries((Item?.counselors as Record<string, CounselorFiling>) ?? {}));
}

// The touched clients' states and the folds of counselors named in advance, in one BatchGetItem:
// a clinic task adjusting figures by delta needs both, and its last completed task listed the
// clinic's counselors (clinic-aggregation.ts), so their folds need no query of their own.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from './batch-get.js';
import { clientStatesFromHeads, type ClientState } from './client-states.js';
import { storedCounselorFold, type StoredCounselorFold } from './counselor-partials.js';
import { metricKeys } from './keys.js';

export async function clientStatesAndFolds(
  db: DynamoDBDocumentClient,
  clinicId: string,
  clientIds: readonly string[],
  counselorIds: readonly string[],
): Promise<{ states: ClientState[]; folds: Map<string, StoredCounselorFold> }> {
  const items = await batchGetAll(db, [...clientIds.map((id) => metricKeys.clientState(clinicId, id)), ...counselorIds.map((id) => metricKeys.counselorPartial(clinicId, id))]);
  const isFold = (item: Record<string, unknown>) => String(item.sk).startsWith(metricKeys.counselorPartialPrefix);
  const folds = new Map(items.filter(isFold).map((i) => [i.counselorId as string, storedCounselorFold(i)]));
  return { states: await clientStatesFromHeads(db, clinicId, items.filter((i) => !isFold(i))), folds };
}

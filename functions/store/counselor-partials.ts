// Each counselor's mergeable partial aggregate (metrics/group-partial.ts): the clinic's figures are
// the merge of them all, so re-folding a clinic reads one small item per counselor, never a summary.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { GroupPartial } from '../metrics/index.js';
import { metricKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export const counselorPartialItem = (clinicId: string, counselorId: string, partial: GroupPartial) => ({
  ...metricKeys.counselorPartial(clinicId, counselorId),
  counselorId,
  partial: packJson(partial),
});

/** Every counselor's partial of a clinic, by counselor. */
export async function counselorPartials(db: DynamoDBDocumentClient, clinicId: string): Promise<{ partials: Map<string, GroupPartial>; bytes: number }> {
  const items = await queryAll(db, {
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': metricKeys.counselorPartialPrefix },
    ConsistentRead: true,
  });
  let bytes = 0;
  const partials = new Map(
    items.map((i) => {
      bytes += (i.partial as Uint8Array).byteLength;
      return [i.counselorId as string, unpackJson<GroupPartial>(i.partial as Uint8Array)];
    }),
  );
  return { partials, bytes };
}

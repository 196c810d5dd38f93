// Everything the aggregation stored, decoded and put in a canonical order, so two stores can be
// compared figure by figure.
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unpackJson } from '../../functions/store/packed-json.js';
import { tableName } from '../../functions/store/table.js';

export async function metricSnapshot(db: DynamoDBDocumentClient): Promise<Record<string, unknown>> {
  const snapshot: Record<string, unknown> = {};
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: tableName(), FilterExpression: 'begins_with(pk, :m)', ExpressionAttributeValues: { ':m': 'METRICS#' }, ExclusiveStartKey, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) {
      const decoded = Object.fromEntries(
        Object.entries(item).map(([k, v]) => [k, v instanceof Uint8Array ? unpackJson(v) : v]),
      );
      if (Array.isArray(decoded.events)) decoded.events = [...(decoded.events as { id: string }[])].sort((x, y) => (x.id < y.id ? -1 : 1));
      snapshot[`${item.pk}|${item.sk}`] = decoded;
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return Object.fromEntries(Object.entries(snapshot).sort(([x], [y]) => (x < y ? -1 : 1)));
}

// Each client whose figures change with time alone has a due item keyed by when: the clinic task
// finds the clients due by its as-of time with one range query, and reads nothing of the clients
// that are not. Due times are ISO instants in UTC with milliseconds, so they sort as strings.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { metricKeys } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export const clientDueItem = (clinicId: string, clientId: string, dueAt: string) => ({ ...metricKeys.clientDue(clinicId, dueAt, clientId), clientId });

/** The clients due at or before `through`. */
export async function clientsDueBy(db: DynamoDBDocumentClient, clinicId: string, through: string): Promise<string[]> {
  const items = await queryAll(db, {
    TableName: tableName(),
    // '$' sorts after '#': every due item at `through` itself is in.
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :through',
    ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':from': metricKeys.clientDuePrefix, ':through': `${metricKeys.clientDuePrefix}${through}$` },
    ProjectionExpression: 'clientId',
    ConsistentRead: true,
  });
  return items.map((i) => i.clientId as string);
}

/** The clinic's earliest due time, if any client has one. */
export async function earliestDue(db: DynamoDBDocumentClient, clinicId: string): Promise<string | undefined> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': metricKeys.clientDuePrefix },
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const sk = Items?.[0]?.sk as string | undefined;
  return sk === undefined ? undefined : metricKeys.ofClientDue(sk).dueAt;
}

// Where each client of a clinic is filed, from the keys of its caseload rows and due items alone:
// all a full run needs of the stored clients, since it reads every event again from the change
// feed. Reading the clients' states instead would unpack every event of the clinic a second time.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientState } from './client-states.js';
import { metricKeys, type PrimaryKey } from './keys.js';
import { queryAll } from './query-all.js';
import { tableName } from './table.js';

export type ClientFiling = Pick<ClientState, 'counselorId' | 'onCaseload' | 'dueAt'>;

/** Each filed client's filing, and how many keys were read for them. */
export async function clientFilings(db: DynamoDBDocumentClient, clinicId: string): Promise<{ filings: Map<string, ClientFiling>; keysRead: number }> {
  const keysUnder = (prefix: string) =>
    queryAll<PrimaryKey>(db, {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': prefix },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
  const [rows, dues] = await Promise.all([keysUnder(metricKeys.caseloadRowsPrefix), keysUnder(metricKeys.clientDuePrefix)]);
  const filings = new Map<string, ClientFiling>();
  const filingOf = (clientId: string) => filings.get(clientId) ?? filings.set(clientId, {}).get(clientId)!;
  for (const { sk } of rows) {
    const { counselorId, clientId } = metricKeys.ofCaseloadRow(sk);
    Object.assign(filingOf(clientId), { counselorId, onCaseload: true });
  }
  for (const { sk } of dues) {
    const { dueAt, clientId } = metricKeys.ofClientDue(sk);
    filingOf(clientId).dueAt = dueAt;
  }
  return { filings, keysRead: rows.length + dues.length };
}

// A clinic's stored client states one DynamoDB page (≤ 1 MB) at a time, for readers that stream
// (the research export): memory stays at about one page however large the clinic.
import { paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clientStatesOf, type ClientState } from './client-states.js';
import { metricKeys } from './keys.js';
import { tableName } from './table.js';

export async function* clientStatePages(db: DynamoDBDocumentClient, clinicId: string): AsyncGenerator<ClientState[]> {
  const pages = paginateQuery(
    { client: db },
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': metricKeys.partition(clinicId), ':prefix': metricKeys.clientStatePrefix },
    },
  );
  let held: Record<string, unknown>[] = [];
  for await (const page of pages) {
    let items = [...held, ...(page.Items ?? [])];
    held = [];
    // A long event set's parts sort right after its head: the page's last client may go on in the next.
    const last = items.at(-1)?.clientId;
    if (page.LastEvaluatedKey && last !== undefined) {
      held = items.filter((i) => i.clientId === last);
      items = items.filter((i) => i.clientId !== last);
    }
    yield clientStatesOf(clinicId, items);
  }
}

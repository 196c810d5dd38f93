// DynamoDB pages query results at 1 MB; every reader here wants all pages. The SDK's paginator
// follows LastEvaluatedKey; each page's call is retried by the client's one retry strategy.
import { paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export async function queryAll<T = Record<string, unknown>>(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of paginateQuery({ client: db }, input)) items.push(...((page.Items ?? []) as T[]));
  return items;
}

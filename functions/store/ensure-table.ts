import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput, tableName } from './table.js';

/** Creates the table when it is missing: the local platform's first start. AWS tables come from CDK. */
export async function ensureTable(db: DynamoDBDocumentClient, name = tableName()): Promise<'created' | 'existing'> {
  try {
    await db.send(new DescribeTableCommand({ TableName: name }));
    return 'existing';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await db.send(new CreateTableCommand(createTableInput(name)));
  await waitUntilTableExists({ client: db, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: name });
  return 'created';
}

// The table's shape, shared by the local bootstrap (CreateTable) and read by the CDK stack so the
// two can never drift.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CHANGES_INDEX } from './keys.js';

export const tableName = () => process.env.TABLE_NAME ?? 'outcomes';

export const tableKeySchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    // The change feed, the only index: an aggregation reads the new events themselves from it, so
    // full items. (A per-client timeline index cost a write unit and a stored copy per event, and
    // nothing in production read it: the aggregation keeps each client's event set itself.)
    { name: CHANGES_INDEX, partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL' as const },
  ],
};

export function createTableInput(name = tableName()): CreateTableCommandInput {
  const { partitionKey, sortKey, indexes } = tableKeySchema;
  const attributes = [partitionKey, sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: i.projection },
    })),
  };
}

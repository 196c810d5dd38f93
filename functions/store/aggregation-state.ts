import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { aggregationKeys } from './keys.js';
import { tableName } from './table.js';

export interface AggregationState {
  /** Every event ingested before this instant is reflected in the stored metrics. */
  watermark: string;
  /** The as-of time of the figures. */
  asOf: string;
  completedAt: string;
}

export async function getAggregationState(db: DynamoDBDocumentClient): Promise<AggregationState | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: aggregationKeys.state(), ConsistentRead: true }));
  return Item ? { watermark: Item.watermark, asOf: Item.asOf, completedAt: Item.completedAt } : undefined;
}

export async function putAggregationState(db: DynamoDBDocumentClient, state: AggregationState): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName(), Item: { ...aggregationKeys.state(), ...state } }));
}

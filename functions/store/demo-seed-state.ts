// Whether the local demo data set was generated, and with which options, so a restart resumes it.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { demoKeys } from './keys.js';
import { tableName } from './table.js';

export interface DemoSeedOptions {
  clients: number;
  seed: number;
  asOf: string;
}

export interface DemoSeedState extends DemoSeedOptions {
  status: 'started' | 'complete';
}

export async function readDemoSeedState(db: DynamoDBDocumentClient): Promise<DemoSeedState | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: demoKeys.seed() }));
  return Item ? { clients: Item.clients, seed: Item.seed, asOf: Item.asOf, status: Item.status } : undefined;
}

export async function writeDemoSeedState(db: DynamoDBDocumentClient, state: DemoSeedState): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName(), Item: { ...demoKeys.seed(), ...state } }));
}

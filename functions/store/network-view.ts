import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NetworkComparison } from '../metrics/index.js';
import { metricKeys } from './keys.js';
import { packJson, unpackJson } from './packed-json.js';
import { tableName } from './table.js';

/**
 * The network comparison as one audience may see it (SPEC §6, §7): `clinic:<id>` names that
 * clinic and letters the others; `all` letters every clinic; `research` holds only clinics whose
 * research consent is on.
 */
export interface NetworkView {
  view: string;
  asOf: string;
  comparison: NetworkComparison;
}

export const networkViewName = {
  clinic: (clinicId: string) => `clinic:${clinicId}`,
  all: 'all',
  research: 'research',
};

export const networkViewItem = (view: NetworkView) => ({
  ...metricKeys.networkView(view.view),
  asOf: view.asOf,
  view: packJson(view),
});

export async function getNetworkView(db: DynamoDBDocumentClient, view: string): Promise<NetworkView | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: metricKeys.networkView(view) }));
  return Item ? unpackJson<NetworkView>(Item.view as Uint8Array) : undefined;
}

// The store a command on the host works on: DYNAMODB_ENDPOINT (a running `npm start`, whose
// credential is read from DATA_DIR) or, without it, the AWS credentials and TABLE_NAME (deployed).
import { userInfo } from 'node:os';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../store/dynamodb-client.js';
import { withLocalCredential } from '../local/embedded-dynamodb.js';

export async function storeFromEnv(env = process.env): Promise<DynamoDBDocumentClient> {
  const endpoint = env.DYNAMODB_ENDPOINT;
  return createDocumentClient(endpoint && (await withLocalCredential(endpoint, env.DATA_DIR ?? '.data')));
}

/** Who ran a command, for the audit log: the operating-system user of the host. */
export const commandActor = () => `cli:${userInfo().username}`;

// The store a command on the host works on: DYNAMODB_ENDPOINT (a running `npm start`, whose
// credential is read from DATA_DIR) or, without it, the AWS credentials and TABLE_NAME (deployed).
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../store/dynamodb-client.js';
import { startEmbeddedDynamoDb, withLocalCredential, type EmbeddedDynamoDb } from '../local/embedded-dynamodb.js';

/** DYNAMODB_ENDPOINT with the credential of the store in DATA_DIR; undefined without an endpoint. */
const localEndpoint = async (env: NodeJS.ProcessEnv) => env.DYNAMODB_ENDPOINT && (await withLocalCredential(env.DYNAMODB_ENDPOINT, env.DATA_DIR ?? '.data'));

export async function storeFromEnv(env = process.env): Promise<DynamoDBDocumentClient> {
  return createDocumentClient(await localEndpoint(env));
}

export interface CliStore {
  db: DynamoDBDocumentClient;
  /** Lets go of the client and, when the command opened the data folder itself, the folder. */
  close(): Promise<void>;
}

/**
 * The store of a command that runs a job here (aggregate, export): DYNAMODB_ENDPOINT with the
 * credential from DATA_DIR, or else the local data folder opened directly (never AWS). `usage` is
 * the command as typed, for the hint when the folder is held by a running `npm start`.
 */
export async function openCliStore(usage: string, env = process.env): Promise<CliStore> {
  let embedded: EmbeddedDynamoDb | undefined;
  let endpoint = await localEndpoint(env);
  if (!endpoint) {
    const path = join(env.DATA_DIR ?? '.data', 'dynamodb');
    embedded = await startEmbeddedDynamoDb({ path }).catch((error: Error) => {
      console.error(`Cannot open ${path} (${error.message}).\nIf npm start is running, point at its DynamoDB instead: DYNAMODB_ENDPOINT=http://127.0.0.1:8000 ${usage}`);
      process.exit(1);
    });
    endpoint = embedded.endpoint;
  }
  const db = createDocumentClient(endpoint);
  return {
    db,
    close: async () => {
      db.destroy();
      await embedded?.close();
    },
  };
}

/** Who ran a command, for the audit log: the operating-system user of the host. */
export const commandActor = () => `cli:${userInfo().username}`;

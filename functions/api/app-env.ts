import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Principal } from './auth/principal.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { ExportHost } from '../export/export-host.js';

/** What the app needs from its host: the Lambda entry and the local server each provide it. */
export interface AppDeps {
  db: DynamoDBDocumentClient;
  verifyToken: TokenVerifier;
  now: () => Date;
  /** Queues an aggregation run and answers with its id at once (locally in-process, on AWS via the task queue). */
  startAggregation: () => Promise<{ runId: string }>;
  /** Research exports (issue 10): runs them and hands out their files. Absent where exports are off (503). */
  exports?: ExportHost;
}

export interface AppEnv {
  Variables: { deps: AppDeps; principal?: Principal };
}

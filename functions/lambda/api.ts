// Lambda entry: adapts API Gateway HTTP API events to the shared Hono app, nothing more.
import { Logger } from '@aws-lambda-powertools/logger';
import { handle } from 'hono/aws-lambda';
import { createApp } from '../api/app.js';
import { createTokenVerifier, tokenConfigFromEnv } from '../api/auth/token-verifier.js';
import { documentClient } from '../store/dynamodb-client.js';
import { queueRun } from '../aggregation/run-aggregation.js';
import { sendCoordinate } from './task-queue-client.js';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { awsExportHostFromEnv } from '../export/aws-export-host.js';

// Never logs a request body: events are health data (42 CFR Part 2).
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'outcomes-api' });

const now = () => new Date();
const app = createApp(
  {
    db: documentClient(),
    verifyToken: createTokenVerifier(tokenConfigFromEnv(), now),
    now,
    // "Run now": a queued run and a message for a worker to coordinate it; the API answers at once.
    startAggregation: async () => {
      const { runId } = await queueRun(documentClient());
      await sendCoordinate(runId);
      return { runId };
    },
    exports: awsExportHostFromEnv({ s3: new S3Client({}), sfn: new SFNClient({}) }),
  },
  (error) => logger.error('unexpected error', { error: error as Error }),
);

export const handler = handle(app);

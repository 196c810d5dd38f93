// `npm run aggregate [-- --full]`: one aggregation run now. Against DYNAMODB_ENDPOINT when set
// (locally `http://127.0.0.1:8000` while `npm start` runs), else the local data folder directly.
import { join } from 'node:path';
import { commandLine } from './command-line.js';
import { createDocumentClient } from '../store/dynamodb-client.js';
import { runAggregation } from '../aggregation/run-aggregation.js';
import { aggregationOptionsFromEnv } from '../aggregation/aggregation-runner.js';
import { startEmbeddedDynamoDb, withLocalCredential, type EmbeddedDynamoDb } from '../local/embedded-dynamodb.js';

const { values } = commandLine('usage: npm run aggregate [-- --full]', { full: { type: 'boolean', default: false } });

let embedded: EmbeddedDynamoDb | undefined;
const dataDir = process.env.DATA_DIR ?? '.data';
let endpoint = process.env.DYNAMODB_ENDPOINT && (await withLocalCredential(process.env.DYNAMODB_ENDPOINT, dataDir));
if (!endpoint) {
  const path = join(dataDir, 'dynamodb');
  embedded = await startEmbeddedDynamoDb({ path }).catch((error: Error) => {
    console.error(
      `Cannot open ${path} (${error.message}).\nIf npm start is running, point at its DynamoDB instead: DYNAMODB_ENDPOINT=http://127.0.0.1:8000 npm run aggregate`,
    );
    process.exit(1);
  });
  endpoint = embedded.endpoint;
}
const db = createDocumentClient(endpoint);
try {
  const report = await runAggregation(db, { ...aggregationOptionsFromEnv(), full: values.full === true, onProgress: (line) => console.error(line) });
  if (report.status !== 'completed' || report.clinicsFailed > 0 || report.clinicsBusy > 0) {
    console.error('Some clinics were not brought up to date (failed, or leased by another run); the next run retries them.');
    process.exitCode = 1;
  }
  console.log(JSON.stringify(report, null, 2));
} finally {
  db.destroy();
  await embedded?.close();
}

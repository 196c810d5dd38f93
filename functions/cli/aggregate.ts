// `npm run aggregate [-- --full]`: one aggregation run now. Against DYNAMODB_ENDPOINT when set
// (locally `http://127.0.0.1:8000` while `npm start` runs), else the local data folder directly.
import { commandLine } from './command-line.js';
import { openCliStore } from './cli-store.js';
import { runAggregation } from '../aggregation/run-aggregation.js';
import { aggregationOptionsFromEnv } from '../aggregation/aggregation-runner.js';

const { values } = commandLine('usage: npm run aggregate [-- --full]', { full: { type: 'boolean', default: false } });

const { db, close } = await openCliStore('npm run aggregate');
try {
  const report = await runAggregation(db, { ...aggregationOptionsFromEnv(), full: values.full === true, onProgress: (line) => console.error(line) });
  if (report.status !== 'completed' || report.clinicsFailed > 0 || report.clinicsBusy > 0) {
    console.error('Some clinics were not brought up to date (failed, or leased by another run); the next run retries them.');
    process.exitCode = 1;
  }
  console.log(JSON.stringify(report, null, 2));
} finally {
  await close();
}

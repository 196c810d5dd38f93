// Child process of bench:aggregate part 5: one full aggregation of the store at DYNAMODB_ENDPOINT
// (the largest clinic), run under the old-space limit the parent sets; prints the peak heap.
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { runAggregation } from '../../functions/aggregation/run-aggregation.js';

const db = createDocumentClient(process.env.DYNAMODB_ENDPOINT);
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 50);
const started = performance.now();
const run = await runAggregation(db, { now: new Date('2026-11-01T10:01:00.000Z'), settleMs: 0, overlapMs: 0 });
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().heapUsed);
console.log(JSON.stringify({ status: run.status, clinicsFailed: run.clinicsFailed, clientsDerived: run.clientsDerived, ms: Math.round(performance.now() - started), peakHeapMb: Math.round(peak / 2 ** 20) }));
db.destroy();

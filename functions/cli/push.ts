// Pushes an NDJSON file of events through the public ingest API of any deployment, or (--fhir)
// an NDJSON file of FHIR R4 resources through POST /fhir/r4 as transaction Bundles.
//   tsx functions/cli/push.ts (--file events.ndjson | --fhir resources.ndjson [--clinic ID]) \
//     --base-url http://localhost:3000 (--key KEY | --credentials .data/demo-credentials.json) [--batch 100] [--concurrency 4]
import { commandLine } from './command-line.js';
import { IngestRejected, type Problem } from './push-client.js';
import { PushFailed, pushEvents, type PushProgress } from './push-events.js';
import { loadCredentials, readNdjsonEvents } from './push-input.js';
import { postFhirBundle, readNdjsonFhirResources } from './push-fhir.js';

const USAGE = `usage: tsx functions/cli/push.ts (--file FILE | --fhir FILE [--clinic ID]) [--base-url URL] (--key KEY | --credentials FILE) [--batch N=100] [--concurrency N=4]
  --file         NDJSON of events (SPEC §2), sent to POST /v1/events
  --fhir         NDJSON of FHIR R4 resources, sent as transaction Bundles to POST /fhir/r4 (docs/fhir-mapping.md)
  --clinic       with --fhir: the clinic of resources that name none (managingOrganization / serviceProvider)
  --key          one ingest key for every event (the file must hold one clinic's events)
  --credentials  JSON { baseUrl, ingestKeys: { clinicId: key } }: each clinic's events go with its key
  --base-url     defaults to the credentials file's baseUrl`;
const MAX_BATCH = 100;
const PROGRESS_EVERY_MS = 1000;
const SHOWN_PROBLEMS = 10;
/** With --key every resource goes to the key's clinic, whatever it is called. */
const KEY_CLINIC = 'the-key-clinic';

async function readArgs(argv: string[]) {
  const { values, fail, integer } = commandLine(
    USAGE,
    {
      file: { type: 'string' },
      fhir: { type: 'string' },
      clinic: { type: 'string' },
      'base-url': { type: 'string' },
      key: { type: 'string' },
      credentials: { type: 'string' },
      batch: { type: 'string' },
      concurrency: { type: 'string' },
    },
    argv,
  );
  if (values.file === undefined && values.fhir === undefined) fail('--file is required (or --fhir for FHIR resources)');
  if (values.file !== undefined && values.fhir !== undefined) fail('give exactly one of --file and --fhir');
  if ((values.key === undefined) === (values.credentials === undefined)) fail('give exactly one of --key and --credentials');
  let keyForClinic: (clinicId: string) => string | undefined;
  let baseUrl = values['base-url'];
  if (values.credentials !== undefined) {
    const credentials = await loadCredentials(values.credentials).catch((error: Error) => fail(error.message));
    keyForClinic = (clinicId) => credentials.ingestKeys[clinicId];
    baseUrl ??= credentials.baseUrl;
  } else {
    const key = values.key!;
    keyForClinic = () => key;
  }
  if (!baseUrl) return fail('--base-url is required (or a credentials file with a baseUrl)');
  if (!URL.canParse(baseUrl)) fail(`--base-url is not a URL: "${baseUrl}"`);
  return {
    input: values.fhir !== undefined ? readNdjsonFhirResources(values.fhir, values.clinic ?? (values.key !== undefined ? KEY_CLINIC : undefined)) : readNdjsonEvents(values.file!),
    post: values.fhir !== undefined ? postFhirBundle : undefined,
    baseUrl,
    keyForClinic,
    batchSize: integer('batch', MAX_BATCH, 1, MAX_BATCH),
    concurrency: integer('concurrency', 4, 1, 64),
  };
}

const rate = (p: PushProgress) => Math.round(p.sent / Math.max(p.elapsedMs / 1000, 0.001));
const describe = (p: PushProgress) =>
  `sent ${p.sent}, stored ${p.stored}, duplicates ${p.duplicates}, retries ${p.retries}, ${rate(p)} events/s`;

/** The problem's detail and, for a 400, which events and fields were wrong. */
function describeProblem(problem: Problem, eventIds: string[]): string[] {
  const lines = [`  ${problem.status} ${problem.title ?? ''}${problem.detail ? ` — ${problem.detail}` : ''}`];
  for (const e of problem.errors?.slice(0, SHOWN_PROBLEMS) ?? []) {
    const path = Array.isArray(e.path) ? e.path.join('.') : e.path;
    lines.push(`  event ${eventIds[e.index] ?? '?'} (#${e.index}) ${path}: ${e.message}`);
  }
  if ((problem.errors?.length ?? 0) > SHOWN_PROBLEMS) lines.push(`  … ${problem.errors!.length - SHOWN_PROBLEMS} more`);
  if (problem.conflicts !== undefined) lines.push(`  conflicts: ${JSON.stringify(problem.conflicts).slice(0, 500)}`);
  return lines;
}

async function main(): Promise<void> {
  const args = await readArgs(process.argv.slice(2));
  let lastProgress = 0;
  try {
    const { input, ...options } = args;
    const summary = await pushEvents(input, {
      ...options,
      onProgress: (p) => {
        if (p.elapsedMs - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = p.elapsedMs;
        process.stderr.write(`  ${describe(p)}\n`);
      },
      onRetry: ({ clinicId, attempt, delayMs, reason }) =>
        process.stderr.write(`  retrying a ${clinicId} batch in ${Math.round(delayMs)} ms (attempt ${attempt}: ${reason})\n`),
    });
    process.stderr.write(`done in ${(summary.elapsedMs / 1000).toFixed(1)} s: ${describe(summary)}, ${summary.batches} batches\n`);
  } catch (error) {
    if (!(error instanceof PushFailed)) throw error;
    const lines = [`push failed: ${error.message}`, `  before stopping: ${describe(error.progress)}`];
    if (error.cause instanceof IngestRejected) lines.push(...describeProblem(error.cause.problem, error.cause.eventIds));
    process.stderr.write(`${lines.join('\n')}\n`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`push failed: ${(error as Error).message}\n`);
  process.exit(1);
});

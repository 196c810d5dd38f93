// `npm run export -- --profile safe_harbor --format parquet --out DIR`: a research export run here,
// the same per-clinic workers and finalizer as in AWS, written to DIR/<export id>/. Against
// DYNAMODB_ENDPOINT when set (locally `http://127.0.0.1:8000` while `npm start` runs), else the local
// data folder directly. Requested and audited as the researcher `cli:<user>`.
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { commandLine } from './command-line.js';
import { commandActor, openCliStore } from './cli-store.js';
import { protocolRefSchema } from '../api/routes/exports-schemas.js';
import { exportFormats, exportProfiles, exportPurposes } from '../store/export-jobs.js';
import { ClinicsNotAvailable, requestExport } from '../export/request-export.js';
import { runExport } from '../export/run-export.js';
import { localExportStorage } from '../export/storage/local-storage.js';
import { manifestSummary, progressReporter } from './export-progress.js';

const USAGE = `usage: npm run export -- --profile safe_harbor|aggregate --format csv|ndjson|parquet --out DIR
                         [--purpose research|quality_improvement] [--protocol-ref REF] [--clinics a,b] [--from YYYY-MM-DD] [--to YYYY-MM-DD]`;
const { values, fail } = commandLine(USAGE, {
  profile: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  purpose: { type: 'string', default: 'research' },
  'protocol-ref': { type: 'string', default: 'local-cli' },
  clinics: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
});

const parsed = z
  .object({
    profile: z.enum(exportProfiles),
    format: z.enum(exportFormats),
    out: z.string().min(1),
    purpose: z.enum(exportPurposes),
    protocolRef: protocolRefSchema,
    clinics: z.string().transform((s) => s.split(',').filter(Boolean)).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .safeParse({ ...values, protocolRef: values['protocol-ref'] });
if (!parsed.success) fail(parsed.error.issues.map((i) => `--${String(i.path[0]).replace('protocolRef', 'protocol-ref')}: ${i.message}`).join('\n'));
const { out, ...parameters } = parsed.data!;

const { db, close } = await openCliStore('npm run export -- …');
try {
  const { plan } = await requestExport(db, { owner: commandActor(), role: 'researcher' }, parameters, new Date());
  console.error(`Exporting ${plan.clinics.length} consenting clinic(s)…`);
  const job = await runExport({ db, storage: localExportStorage(resolve(out)), now: () => new Date() }, plan, progressReporter());
  console.log(manifestSummary(join(resolve(out), job.exportId), job));
} catch (error) {
  if (!(error instanceof ClinicsNotAvailable)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await close();
}

// The final step: once every clinic's worker is done, publish the aggregate tables (aggregate
// profile), write the codebook, README and manifest, mark the export complete and audit it.
import { appendAudit } from '../store/audit-log.js';
import { completeExportJob, getExportJob, type ExportJob } from '../store/export-jobs.js';
import { exportParts, type ExportPartFile } from '../store/export-parts.js';
import { publishAggregates } from './aggregate/publish.js';
import { aggregateTableSpec, aggregateTables } from './aggregate/tables.js';
import { codebook, readme } from './codebook.js';
import type { ExportContext } from './export-clinic.js';
import { exportFileKey } from './export-plan.js';
import { K_ANONYMITY } from './safe-harbor/k-anonymity.js';
import { safeHarborTables } from './safe-harbor/tables.js';
import { checksummed, type ExportStorage } from './storage/export-storage.js';
import type { TableSpec } from './table-spec.js';

const MANIFEST = 'manifest.json';

/** The manifest finalizeExport wrote for a complete export, parsed. */
export async function readManifest(storage: ExportStorage, exportId: string): Promise<unknown> {
  return JSON.parse(Buffer.from(await storage.read(exportFileKey(exportId, MANIFEST))).toString('utf8'));
}

async function writeWhole(storage: ExportStorage, exportId: string, path: string, text: string): Promise<ExportPartFile> {
  const sink = checksummed(storage.create(exportFileKey(exportId, path)));
  await sink.write(Buffer.from(text, 'utf8'));
  return { path, table: '', rows: 0, ...(await sink.close()) };
}

const sumBy = (records: readonly Record<string, number>[]) => {
  const total: Record<string, number> = {};
  for (const r of records) for (const [k, v] of Object.entries(r)) total[k] = (total[k] ?? 0) + v;
  return total;
};

export interface FinalizeTask {
  exportId: string;
  owner: string;
}

export async function finalizeExport({ db, storage, now }: ExportContext, task: FinalizeTask): Promise<ExportJob> {
  const job = await getExportJob(db, task.owner, task.exportId);
  if (!job) throw new Error(`no export ${task.exportId}`);
  const { parameters } = job;
  const parts = await exportParts(db, task.exportId);
  let files: ExportPartFile[] = parts.flatMap((p) => p.files);
  let suppression = sumBy(parts.map((p) => p.suppression));
  let withheld: { table: string; reason: string }[] = [];
  let tables: readonly TableSpec[] = safeHarborTables;
  if (parameters.profile === 'aggregate') {
    const published = await publishAggregates(parts, storage, task.exportId, parameters.format);
    files = published.files;
    suppression = { suppressedCells: published.suppressedCells };
    withheld = published.withheld;
    tables = aggregateTables.map(aggregateTableSpec);
  }
  const rows = sumBy(files.map((f) => ({ [f.table]: f.rows })));
  const documents = [
    await writeWhole(storage, task.exportId, 'codebook.json', `${JSON.stringify(codebook(tables), null, 2)}\n`),
    await writeWhole(storage, task.exportId, 'README.md', readme(parameters, tables)),
  ];
  const manifest = {
    exportId: task.exportId,
    profile: parameters.profile,
    format: parameters.format,
    // The requested clinics are ids; the manifest says only how many took part.
    parameters: { ...parameters, clinics: parameters.clinics?.length },
    clinics: parts.filter((p) => !p.withheld).length,
    ...(parameters.profile === 'safe_harbor'
      ? { kAnonymity: { k: K_ANONYMITY, quasiIdentifiers: ['clinic_code', 'age_band', 'gender', 'primary_substance', 'enrollment_year'] } }
      : { withheldTables: withheld }),
    rows,
    suppression,
    files: [...files, ...documents].map((f) => ({ path: f.path, rows: f.rows, bytes: f.bytes, sha256: f.sha256 })),
  };
  const manifestFile = await writeWhole(storage, task.exportId, MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  const summary = { rows, suppression, files: manifest.files.length + 1, manifestSha256: manifestFile.sha256 };
  const completedAt = now().toISOString();
  await completeExportJob(db, job.owner, job.exportId, completedAt, summary);
  await appendAudit(db, {
    at: completedAt,
    actor: job.owner,
    role: job.role,
    scope: parts.filter((p) => !p.withheld).map((p) => p.clinicId),
    action: 'export.complete',
    purpose: parameters.purpose,
    protocolRef: parameters.protocolRef,
    exportId: job.exportId,
    parameters: { ...parameters },
    rows: Object.values(rows).reduce((s, n) => s + n, 0),
    rowCounts: rows,
    suppression,
    suppressedCells: suppression.suppressedCells,
    // The manifest holds every file's SHA-256, so its own checksum vouches for them all.
    checksums: [manifestFile.sha256],
  });
  return { ...job, status: 'complete', completedAt, summary };
}

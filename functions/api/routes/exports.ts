// Research exports (issue 10, SPEC §6–7): researchers only — every other role and every ingest key
// gets 403. A researcher sees only their own exports; another's is answered 404, as if it did not exist.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import type { AppEnv } from '../app-env.js';
import { allow } from '../auth/allow.js';
import { requirePerson } from '../auth/principal.js';
import { Problem, problems } from '../problem.js';
import { appendAudit } from '../../store/audit-log.js';
import { getExportJob, type ExportJob } from '../../store/export-jobs.js';
import { exportsOfOwner } from '../../store/exports-of-owner.js';
import { ClinicsNotAvailable, requestExport } from '../../export/request-export.js';
import type { ExportHost } from '../../export/export-host.js';
import { problemResponses } from './problem-schema.js';
import { downloadLinkSchema, exportIdParams, exportRequestSchema, exportSchema, fileQuery, type ManifestView } from './exports-schemas.js';

const researcherOnly = problemResponses({ 401: 'Not signed in', 403: 'Not a researcher' });

export const requestExportRoute = createRoute({
  method: 'post',
  path: '/v1/exports',
  tags: ['Research'],
  summary: 'Request a de-identified export',
  description: 'Starts an export of the clinics with research consent on (all of them, or those listed). Answers at once; poll the export for progress.',
  security: [{ bearer: [] }],
  middleware: [allow('researcher')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: exportRequestSchema } } } },
  responses: {
    202: { description: 'Accepted; the run has started', content: { 'application/json': { schema: exportSchema } } },
    ...researcherOnly,
    ...problemResponses({ 400: 'Invalid request', 404: 'A listed clinic does not exist or has no research consent', 503: 'Exports are not set up on this host' }),
  },
});

export const listExportsRoute = createRoute({
  method: 'get',
  path: '/v1/exports',
  tags: ['Research'],
  summary: 'My exports, newest first',
  security: [{ bearer: [] }],
  middleware: [allow('researcher')] as const,
  responses: {
    200: { description: 'The caller’s exports', content: { 'application/json': { schema: z.object({ exports: z.array(exportSchema) }) } } },
    ...researcherOnly,
  },
});

export const getExportRoute = createRoute({
  method: 'get',
  path: '/v1/exports/{exportId}',
  tags: ['Research'],
  summary: 'One export: status, progress and, when complete, its manifest',
  security: [{ bearer: [] }],
  middleware: [allow('researcher')] as const,
  request: { params: exportIdParams },
  responses: {
    200: { description: 'The export', content: { 'application/json': { schema: exportSchema } } },
    ...researcherOnly,
    ...problemResponses({ 404: 'No such export of yours' }),
  },
});

export const downloadExportFileRoute = createRoute({
  method: 'get',
  path: '/v1/exports/{exportId}/download',
  tags: ['Research'],
  summary: 'Download one file of a complete export',
  description:
    'In AWS: 303 to a presigned S3 link valid for five minutes, or, asked with `Accept: application/json`, that link as JSON (the dashboard navigates to it: its CSP lets it fetch only its own origin). Locally: the file itself, streamed. Only files listed in the manifest can be fetched; every download is audited.',
  security: [{ bearer: [] }],
  middleware: [allow('researcher')] as const,
  request: { params: exportIdParams, query: fileQuery },
  responses: {
    200: {
      description: 'The file (local platform), or its presigned link when JSON is asked for (AWS)',
      content: {
        'application/json': { schema: downloadLinkSchema },
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    303: { description: 'A presigned link to the file (AWS)' },
    ...researcherOnly,
    ...problemResponses({ 400: 'No file named', 404: 'No such export of yours, not complete yet, or no such file in it', 503: 'Exports are not set up on this host' }),
  },
});

const exportsHost = (c: Context<AppEnv>): ExportHost => {
  const host = c.var.deps.exports;
  if (!host) throw new Problem({ status: 503, title: 'Exports unavailable', detail: 'Research exports are not set up on this host.' });
  return host;
};

// A browser page cannot follow the 303 with fetch when its CSP confines connect-src to its own
// origin (the dashboard's does), so it asks for the link and navigates to it instead.
const wantsJson = (c: Context<AppEnv>) => (c.req.header('accept') ?? '').includes('application/json');

/** The caller's subject: the owner of their exports. Only researchers reach here (allow above). */
const ownerOf = (c: Context<AppEnv>) => requirePerson(c.var.principal).subject;

// Complete: 100. Otherwise clinics done out of clinics + 1, the finalizer being the last step.
const progress = (job: ExportJob) => (job.status === 'complete' ? 100 : Math.min(99, Math.floor((100 * job.clinicsDone) / (job.clinicsTotal + 1))));

// A manifest lists a few files per clinic; across thousands of clinics it outgrows a sensible API
// response (and API Gateway's 6 MB), so beyond this many files it is answered without the list,
// which stays in manifest.json for download.
const MAX_LISTED_FILES = 1_000;
const listable = ({ files, ...rest }: ManifestView): ManifestView =>
  files.length <= MAX_LISTED_FILES ? { ...rest, files } : { ...rest, files: [], filesOmitted: files.length };

const view = (job: ExportJob, manifest?: ManifestView) => ({
  exportId: job.exportId,
  status: job.status,
  progress: progress(job),
  createdAt: job.createdAt,
  asOf: job.asOf,
  parameters: job.parameters,
  clinics: job.clinicsTotal,
  ...(job.completedAt ? { completedAt: job.completedAt } : {}),
  ...(job.summary ? { summary: job.summary } : {}),
  ...(job.error ? { error: 'The export failed; request it again.' } : {}),
  ...(manifest ? { manifest: listable(manifest) } : {}),
});

/** A complete export's file as its manifest lists it; the manifest's own checksum is in the job's summary. */
async function listedFile(host: ExportHost, job: ExportJob, file: string): Promise<{ sha256: string } | undefined> {
  if (file === 'manifest.json') return { sha256: job.summary!.manifestSha256 };
  return ((await host.readManifest(job.exportId)) as ManifestView).files.find((f) => f.path === file);
}

async function ownExport(c: Context<AppEnv>, exportId: string): Promise<ExportJob> {
  const job = await getExportJob(c.var.deps.db, ownerOf(c), exportId);
  if (!job) throw problems.notFound('No such export.');
  return job;
}

export function registerExports(app: OpenAPIHono<AppEnv>) {
  app.openapi(requestExportRoute, async (c) => {
    const host = exportsHost(c);
    const { db, now } = c.var.deps;
    try {
      const { job, plan } = await requestExport(db, { owner: ownerOf(c), role: 'researcher' }, c.req.valid('json'), now());
      await host.start(plan);
      return c.json(view(job), 202);
    } catch (error) {
      if (error instanceof ClinicsNotAvailable) throw problems.notFound(`No consenting clinic with id ${error.clinicIds.join(', ')}.`);
      throw error;
    }
  });

  app.openapi(listExportsRoute, async (c) => c.json({ exports: (await exportsOfOwner(c.var.deps.db, ownerOf(c))).map((job) => view(job)) }, 200));

  app.openapi(getExportRoute, async (c) => {
    const job = await ownExport(c, c.req.valid('param').exportId);
    const manifest = job.status === 'complete' ? ((await exportsHost(c).readManifest(job.exportId)) as ManifestView) : undefined;
    return c.json(view(job, manifest), 200);
  });

  app.openapi(downloadExportFileRoute, async (c) => {
    const host = exportsHost(c);
    const { exportId } = c.req.valid('param');
    const { file } = c.req.valid('query');
    const job = await ownExport(c, exportId);
    const listed = job.status === 'complete' ? await listedFile(host, job, file) : undefined;
    if (!listed) throw problems.notFound('No such file in this export (or the export is not complete yet).');
    const at = c.var.deps.now().toISOString();
    await appendAudit(c.var.deps.db, {
      at,
      actor: ownerOf(c),
      role: 'researcher',
      scope: [],
      action: 'export.download',
      purpose: job.parameters.purpose,
      protocolRef: job.parameters.protocolRef,
      exportId,
      file,
      checksums: [listed.sha256],
    });
    const download = await host.download(exportId, file);
    if ('url' in download) return wantsJson(c) ? c.json(download, 200) : c.redirect(download.url, 303);
    c.header('content-type', 'application/octet-stream');
    c.header('content-length', String(download.bytes));
    c.header('content-disposition', `attachment; filename="${file.split('/').at(-1)}"`);
    return stream(c, async (out) => {
      for await (const chunk of download.body) await out.write(chunk as Uint8Array);
    });
  });
}

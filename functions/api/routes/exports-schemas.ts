// The request and response shapes of the export routes (issue 10).
import { z } from '@hono/zod-openapi';
import { idSchema } from '../../events/schema.js';
import { exportFormats, exportProfiles, exportPurposes } from '../../store/export-jobs.js';

// A protocol reference is a code (an IRB or data-use agreement number), never free text (SPEC §2).
export const protocolRefSchema = z.string().regex(/^[A-Za-z0-9._:/-]{1,64}$/, 'must be 1–64 characters of A–Z, a–z, 0–9, ".", "_", ":", "/" or "-"');

export const exportRequestSchema = z
  .strictObject({
    purpose: z.enum(exportPurposes).openapi({ description: 'Why the data is needed; recorded in the audit log' }),
    protocolRef: protocolRefSchema.openapi({ description: 'The approving protocol (IRB, data-use agreement)', example: 'IRB-2026-0042' }),
    profile: z.enum(exportProfiles).openapi({ description: 'safe_harbor: de-identified client-level tables; aggregate: suppressed metric tables' }),
    format: z.enum(exportFormats),
    clinics: z.array(idSchema).min(1).max(1_000).optional().openapi({ description: 'Only these consenting clinics (default: all consenting clinics)' }),
    from: z.iso.date().optional().openapi({ description: 'Only clients whose start is on or after this day (clinic zone)' }),
    to: z.iso.date().optional().openapi({ description: 'Only clients whose start is on or before this day (clinic zone)' }),
  })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'from must not be after to', path: ['to'] })
  .openapi('ExportRequest');

export const exportIdParams = z.object({ exportId: z.uuid().openapi({ param: { name: 'exportId', in: 'path' } }) });

export const fileQuery = z.object({
  file: z
    .string()
    .regex(/^[A-Za-z0-9_./-]{1,200}$/, 'must be a path listed in the manifest')
    .openapi({ param: { name: 'file', in: 'query' }, example: 'clients/part-CBDFGHJKL.csv' }),
});

export const downloadLinkSchema = z
  .object({ url: z.url(), expiresInSeconds: z.number().int() })
  .openapi('ExportDownloadLink', { description: 'A presigned link to the file, to navigate to before it expires' });

const fileSchema = z.object({ path: z.string(), rows: z.number().int(), bytes: z.number().int(), sha256: z.string() });

export const exportSchema = z
  .object({
    exportId: z.string(),
    status: z.enum(['running', 'complete', 'failed']),
    progress: z.number().int().min(0).max(100),
    createdAt: z.string(),
    asOf: z.string().openapi({ description: 'The as-of time T of every figure' }),
    parameters: z.object({
      purpose: z.string(),
      protocolRef: z.string(),
      profile: z.enum(exportProfiles),
      format: z.enum(exportFormats),
      clinics: z.array(z.string()).optional(),
      from: z.string().optional(),
      to: z.string().optional(),
    }),
    clinics: z.number().int().openapi({ description: 'Consenting clinics in the run' }),
    completedAt: z.string().optional(),
    summary: z
      .object({ rows: z.record(z.string(), z.number()), suppression: z.record(z.string(), z.number()), files: z.number().int(), manifestSha256: z.string() })
      .optional(),
    error: z.string().optional(),
    manifest: z
      .object({ files: z.array(fileSchema), filesOmitted: z.number().int().optional() })
      .passthrough()
      .optional()
      .openapi({
        description:
          'When complete: parameters, row counts, generalisation and suppression counts, every file with its SHA-256. Beyond 1,000 files the list is left out (filesOmitted says how many); download manifest.json for it.',
      }),
  })
  .openapi('Export');

/** The manifest as the API answers it (read from manifest.json, so not validated again). */
export type ManifestView = NonNullable<z.infer<typeof exportSchema>['manifest']>;

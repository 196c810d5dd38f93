// What the API needs from its host to serve exports: start a requested export's run, read its
// manifest, and hand out its files. The local platform runs everything in-process over the local
// folder; the Lambda entry starts a Step Functions execution and presigns S3 links.
import type { Readable } from 'node:stream';
import type { ExportPlan } from './export-plan.js';

export type Download = { url: string; expiresInSeconds: number } | { body: Readable; bytes: number };

export interface ExportHost {
  start(plan: ExportPlan): Promise<void>;
  readManifest(exportId: string): Promise<unknown>;
  download(exportId: string, path: string): Promise<Download>;
}

// Lambda entry for the export state machine's last step: finalize, or record the failure when a
// step before it failed (the state machine's Catch sends `error`).
import { z } from 'zod';
import { finalizeExport } from '../export/finalize-export.js';
import { failExportJob } from '../store/export-jobs.js';
import { documentClient } from '../store/dynamodb-client.js';
import { exportDeps } from './export-deps.js';

const input = z.object({ exportId: z.uuid(), owner: z.string().min(1), error: z.unknown().optional() });

export async function handler(event: unknown) {
  const { exportId, owner, error } = input.parse(event);
  if (error !== undefined) {
    await failExportJob(documentClient(), owner, exportId, 'a step of the export failed');
    return { exportId, status: 'failed' };
  }
  const job = await finalizeExport(exportDeps(), { exportId, owner });
  return { exportId, status: job.status };
}

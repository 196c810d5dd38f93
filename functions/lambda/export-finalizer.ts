// Lambda entry for the export state machine's last step: finalize, or record the failure when a
// step before it failed (the state machine's Catch sends `error`).
import { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { finalizeExport } from '../export/finalize-export.js';
import { s3ExportStorage } from '../export/storage/s3-storage.js';
import { failExportJob } from '../store/export-jobs.js';
import { documentClient } from '../store/dynamodb-client.js';

const input = z.object({ exportId: z.uuid(), owner: z.string().min(1), error: z.unknown().optional() });
const s3 = new S3Client({});

export async function handler(event: unknown) {
  const { exportId, owner, error } = input.parse(event);
  const db = documentClient();
  if (error !== undefined) {
    await failExportJob(db, owner, exportId, 'a step of the export failed');
    return { exportId, status: 'failed' };
  }
  const job = await finalizeExport({ db, storage: s3ExportStorage(s3, process.env.EXPORTS_BUCKET!), now: () => new Date() }, { exportId, owner });
  return { exportId, status: job.status };
}

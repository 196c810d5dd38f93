// Lambda entry for one clinic of a research export (a Distributed Map item of the export state machine).
import { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { exportClinic } from '../export/export-clinic.js';
import { s3ExportStorage } from '../export/storage/s3-storage.js';
import { documentClient } from '../store/dynamodb-client.js';

const task = z.object({ exportId: z.uuid(), owner: z.string().min(1), clinicId: z.string().min(1), clinicCode: z.string().min(1) });
const s3 = new S3Client({});

export async function handler(event: unknown) {
  const input = task.parse(event);
  await exportClinic({ db: documentClient(), storage: s3ExportStorage(s3, process.env.EXPORTS_BUCKET!), now: () => new Date() }, input);
  return { clinicCode: input.clinicCode };
}

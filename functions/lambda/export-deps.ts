// What the export state machine's Lambdas work with: the table, the exports bucket and the clock.
import { S3Client } from '@aws-sdk/client-s3';
import type { ExportContext } from '../export/export-clinic.js';
import { s3ExportStorage } from '../export/storage/s3-storage.js';
import { documentClient } from '../store/dynamodb-client.js';

const s3 = new S3Client({});

export const exportDeps = (): ExportContext => ({ db: documentClient(), storage: s3ExportStorage(s3, process.env.EXPORTS_BUCKET!), now: () => new Date() });

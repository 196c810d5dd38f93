// The export state machine's two Lambda entries against a real (in-memory) DynamoDB, with S3 mocked
// (aws-sdk-client-mock; S3 is AWS-only): a worker per planned clinic, then the finalizer, as the
// Distributed Map and the Finalize step call them; and the finalizer's failure mode (MarkFailed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { requestExport } from '../../functions/export/request-export.js';
import { getExportJob } from '../../functions/store/export-jobs.js';
import { CANARY_CLINIC, canaryEvents } from '../export/canary-data.js';
import { startExportPlatform, type ExportPlatform } from '../export/export-platform.js';

const s3 = mockClient(S3Client);
const uploads = new Map<string, string>();
let x: ExportPlatform;

beforeAll(async () => {
  x = await startExportPlatform();
  await x.seedClinic(CANARY_CLINIC, true, canaryEvents().events);
  await x.aggregate();
  Object.assign(process.env, { DYNAMODB_ENDPOINT: x.p.endpoint, EXPORTS_BUCKET: 'exports-bucket', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  s3.on(PutObjectCommand).callsFake(async (input) => {
    const body = input.Body instanceof Readable ? Buffer.concat(await input.Body.toArray()) : Buffer.from(input.Body as Uint8Array);
    uploads.set(`${input.Bucket}/${input.Key}`, body.toString('utf8'));
    return {};
  });
}, 60_000);
afterAll(async () => {
  s3.restore();
  for (const name of ['DYNAMODB_ENDPOINT', 'EXPORTS_BUCKET']) delete process.env[name];
  await x.close();
});

describe('export Lambda entries', () => {
  it('the workers then the finalizer complete the export, with every file in the bucket', async () => {
    const { handler: worker } = await import('../../functions/lambda/export-worker.js');
    const { handler: finalizer } = await import('../../functions/lambda/export-finalizer.js');
    const parameters = { purpose: 'research', protocolRef: 'IRB-5', profile: 'safe_harbor', format: 'ndjson' } as const;
    const { plan } = await requestExport(x.p.db, { owner: 'researcher-one', role: 'researcher' }, parameters, x.clock.now());
    for (const clinic of plan.clinics) {
      expect(await worker({ exportId: plan.exportId, owner: plan.owner, ...clinic })).toEqual({ clinicCode: clinic.clinicCode });
    }
    expect(await finalizer({ exportId: plan.exportId, owner: plan.owner })).toEqual({ exportId: plan.exportId, status: 'complete' });
    const manifest = JSON.parse(uploads.get(`exports-bucket/${plan.exportId}/manifest.json`)!);
    for (const file of manifest.files) expect(uploads.has(`exports-bucket/${plan.exportId}/${file.path}`), file.path).toBe(true);
    expect(manifest.rows.clients).toBeGreaterThan(0);
    expect((await getExportJob(x.p.db, 'researcher-one', plan.exportId))!.status).toBe('complete');
  });

  it('refuses a malformed task before touching anything', async () => {
    const { handler: worker } = await import('../../functions/lambda/export-worker.js');
    await expect(worker({ exportId: 'not-a-uuid', owner: 'x', clinicId: 'a', clinicCode: 'C' })).rejects.toThrow();
  });

  it('MarkFailed: with the caught error, the finalizer marks the export failed', async () => {
    const { handler: finalizer } = await import('../../functions/lambda/export-finalizer.js');
    const parameters = { purpose: 'research', protocolRef: 'IRB-5', profile: 'aggregate', format: 'csv' } as const;
    const { plan } = await requestExport(x.p.db, { owner: 'researcher-one', role: 'researcher' }, parameters, x.clock.now());
    const error = { Error: 'States.TaskFailed', Cause: 'worker crashed' };
    expect(await finalizer({ exportId: plan.exportId, owner: plan.owner, error })).toEqual({ exportId: plan.exportId, status: 'failed' });
    expect((await getExportJob(x.p.db, 'researcher-one', plan.exportId))!.status).toBe('failed');
  });
});

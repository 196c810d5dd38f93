// The AWS side of exports through aws-sdk-client-mock (S3 and Step Functions are AWS-only): the plan
// is uploaded and the execution started with it; files stream up through lib-storage's Upload; links
// are presigned for five minutes; a failed upload surfaces at close.
import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { Readable } from 'node:stream';
import { PRESIGNED_LINK_SECONDS, awsExportHost, awsExportHostFromEnv, planKey } from '../../functions/export/aws-export-host.js';
import { s3ExportStorage } from '../../functions/export/storage/s3-storage.js';

const s3Mock = mockClient(S3Client);
const sfnMock = mockClient(SFNClient);
afterEach(() => {
  s3Mock.reset();
  sfnMock.reset();
});

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const clients = () => ({ s3: new S3Client({ region: 'us-east-1', credentials }), sfn: new SFNClient({ region: 'us-east-1', credentials }) });
const EXPORT_ID = '5b0f6a43-38a4-4a57-9d8e-8f3c3f8d2f10';
const STATE_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:exports';

describe('awsExportHost', () => {
  it('uploads the plan under plans/ and starts an execution named for the export with its key', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    sfnMock.on(StartExecutionCommand).resolves({ executionArn: 'arn:x' });
    const host = awsExportHost({ ...clients(), bucket: 'exports', stateMachineArn: STATE_MACHINE });
    const clinics = [{ clinicId: 'riverside', clinicCode: 'CBCDFGHJK' }];
    await host.start({ exportId: EXPORT_ID, owner: 'researcher-one', clinics });

    const put = s3Mock.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(put).toMatchObject({ Bucket: 'exports', Key: `plans/${EXPORT_ID}.json` });
    const body = put.Body instanceof Readable ? Buffer.concat(await put.Body.toArray()) : Buffer.from(put.Body as Uint8Array);
    expect(JSON.parse(body.toString('utf8'))).toEqual(clinics);
    const start = sfnMock.commandCalls(StartExecutionCommand)[0]!.args[0].input;
    expect(start).toMatchObject({ stateMachineArn: STATE_MACHINE, name: EXPORT_ID });
    expect(JSON.parse(start.input!)).toEqual({ exportId: EXPORT_ID, owner: 'researcher-one', planKey: planKey(EXPORT_ID) });
  });

  it('presigns a GET of the file for five minutes, without calling S3', async () => {
    const host = awsExportHost({ ...clients(), bucket: 'exports', stateMachineArn: STATE_MACHINE });
    const download = await host.download(EXPORT_ID, 'clients/part-CBCDFGHJK.csv');
    if (!('url' in download)) throw new Error('expected a link');
    const url = new URL(download.url);
    expect(url.pathname).toBe(`/${EXPORT_ID}/clients/part-CBCDFGHJK.csv`);
    expect(url.hostname).toBe('exports.s3.us-east-1.amazonaws.com');
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(PRESIGNED_LINK_SECONDS));
    expect(download.expiresInSeconds).toBe(300);
    // Navigated to by the dashboard, the link saves the file rather than showing it.
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="part-CBCDFGHJK.csv"');
    expect(s3Mock.calls()).toHaveLength(0);
  });

  it('reads the manifest from the export’s folder', async () => {
    const manifest = { files: [{ path: 'README.md' }] };
    // The SDK's body mixin, reduced to the one method the storage calls.
    const body = { transformToByteArray: async () => new Uint8Array(Buffer.from(JSON.stringify(manifest))) };
    s3Mock.on(GetObjectCommand, { Bucket: 'exports', Key: `${EXPORT_ID}/manifest.json` }).resolves({ Body: body as never });
    const host = awsExportHost({ ...clients(), bucket: 'exports', stateMachineArn: STATE_MACHINE });
    expect(await host.readManifest(EXPORT_ID)).toEqual(manifest);
  });

  it('is off unless the stack set both the bucket and the state machine', () => {
    expect(awsExportHostFromEnv(clients(), {})).toBeUndefined();
    expect(awsExportHostFromEnv(clients(), { EXPORTS_BUCKET: 'b' })).toBeUndefined();
    expect(awsExportHostFromEnv(clients(), { EXPORTS_BUCKET: 'b', EXPORT_STATE_MACHINE_ARN: STATE_MACHINE })).toBeDefined();
  });
});

describe('s3ExportStorage', () => {
  it('streams a file up with Upload and surfaces a failed upload at close', async () => {
    s3Mock.on(PutObjectCommand).rejects(new Error('AccessDenied'));
    const sink = s3ExportStorage(clients().s3, 'exports').create('x/file.csv');
    await sink.write(Buffer.from('a,b\r\n'));
    await expect(sink.close()).rejects.toThrow('AccessDenied');
  });

  it('sends the bytes written, in order', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    const sink = s3ExportStorage(clients().s3, 'exports').create('x/file.csv');
    await sink.write(Buffer.from('a,b\r\n'));
    await sink.write(Buffer.from('1,2\r\n'));
    await sink.close();
    const put = s3Mock.commandCalls(PutObjectCommand)[0]!.args[0].input;
    const body = put.Body instanceof Readable ? Buffer.concat(await put.Body.toArray()) : Buffer.from(put.Body as Uint8Array);
    expect(body.toString('utf8')).toBe('a,b\r\n1,2\r\n');
  });
});

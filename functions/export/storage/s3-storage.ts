// Export files in the exports bucket. Each file is one multipart upload (@aws-sdk/lib-storage
// `Upload`) fed from a stream, so a worker never holds a whole file; the bucket's default KMS key
// encrypts every object.
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { ByteSink, ExportStorage } from './export-storage.js';

export function s3ExportStorage(s3: S3Client, bucket: string): ExportStorage {
  return {
    create(key): ByteSink {
      const body = new PassThrough();
      const upload = new Upload({ client: s3, params: { Bucket: bucket, Key: key, Body: body } });
      const done = upload.done();
      // A failed upload must surface at close, not as an unhandled rejection before it.
      done.catch(() => undefined);
      return {
        async write(chunk) {
          // Race the upload too: a failed upload never drains.
          if (!body.write(chunk)) await Promise.race([once(body, 'drain'), done]);
        },
        async close() {
          body.end();
          await done;
        },
      };
    },
    async read(key) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return object.Body!.transformToByteArray();
    },
  };
}

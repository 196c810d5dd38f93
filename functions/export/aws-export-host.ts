// Exports in AWS: the plan goes to the exports bucket (it holds clinic ids, so it sits under
// `plans/`, which no manifest lists and no download can reach), a Step Functions execution runs a
// worker per clinic (Distributed Map over the plan) and then the finalizer; files are handed out as
// presigned links that live five minutes.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportHost } from './export-host.js';
import { exportFileKey, type ExportPlan } from './export-plan.js';
import { readManifest } from './finalize-export.js';
import { s3ExportStorage } from './storage/s3-storage.js';

export const PRESIGNED_LINK_SECONDS = 300;

/** The state machine's input: where the plan is, and whose export it is. */
export interface ExportExecutionInput {
  exportId: string;
  owner: string;
  planKey: string;
}

export const planKey = (exportId: string) => `plans/${exportId}.json`;

export function awsExportHost(options: { s3: S3Client; sfn: SFNClient; bucket: string; stateMachineArn: string }): ExportHost {
  const { s3, sfn, bucket, stateMachineArn } = options;
  const storage = s3ExportStorage(s3, bucket);
  return {
    async start(plan: ExportPlan) {
      const key = planKey(plan.exportId);
      const sink = storage.create(key);
      // The Distributed Map reads this JSON array, one item per clinic.
      await sink.write(Buffer.from(JSON.stringify(plan.clinics)));
      await sink.close();
      const input: ExportExecutionInput = { exportId: plan.exportId, owner: plan.owner, planKey: key };
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name: plan.exportId, input: JSON.stringify(input) }));
    },
    readManifest: (exportId) => readManifest(storage, exportId),
    async download(exportId, path) {
      // The browser navigates to the link: "attachment" saves the file instead of showing it.
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: exportFileKey(exportId, path),
        ResponseContentDisposition: `attachment; filename="${path.split('/').at(-1)}"`,
      });
      return { url: await getSignedUrl(s3, command, { expiresIn: PRESIGNED_LINK_SECONDS }), expiresInSeconds: PRESIGNED_LINK_SECONDS };
    },
  };
}

/** The host from the Lambda environment the CDK stack sets; undefined where exports are not deployed. */
export function awsExportHostFromEnv(clients: { s3: S3Client; sfn: SFNClient }, env: NodeJS.ProcessEnv = process.env): ExportHost | undefined {
  const bucket = env.EXPORTS_BUCKET;
  const stateMachineArn = env.EXPORT_STATE_MACHINE_ARN;
  return bucket && stateMachineArn ? awsExportHost({ ...clients, bucket, stateMachineArn }) : undefined;
}

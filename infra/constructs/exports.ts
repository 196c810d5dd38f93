// Research exports (issue 10): a KMS-encrypted bucket and a Step Functions state machine that runs
// one worker Lambda per consenting clinic (a Distributed Map over the plan the API writes to the
// bucket), then the finalizer (codebook, manifest, README, completion, audit).
//
//   API ──StartExecution──▶ PerClinic (Distributed Map, ItemReader = plans/<id>.json)
//                               └─ Worker (one per clinic, retried) ──▶ Finalize ──▶ done
//                           any failure ──Catch──▶ MarkFailed (the finalizer in failure mode)
//
// The bucket: the data key (customer-managed, the table's), public access blocked, TLS enforced by
// policy, every object expiring after 7 days (researchers download within that window; nothing
// client-derived lingers), server access logs to a log bucket of its own.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { NodeFunction } from './node-function.js';
import type { Observability } from './observability.js';
import { denyAuditLogRewrites } from './table-access.js';

export const EXPORT_RETENTION_DAYS = 7;
// Clinics exported at once: bounded so a large network does not starve the table's throughput.
const MAX_CONCURRENT_CLINICS = 40;

export interface ExportsProps {
  readonly stage: string;
  readonly table: dynamodb.ITableV2;
  readonly dataKey: kms.IKey;
  readonly observability: Observability;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

export class Exports extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  readonly worker: NodeFunction;
  readonly finalizer: NodeFunction;
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: ExportsProps) {
    super(scope, id);
    const { observability, table } = props;

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, // S3 server access logging cannot deliver to a KMS-encrypted bucket
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'exports/',
      lifecycleRules: [
        {
          expiration: Duration.days(EXPORT_RETENTION_DAYS),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const environment = { TABLE_NAME: table.tableName, EXPORTS_BUCKET: this.bucket.bucketName };
    const exportFunction = (fid: string, entry: string, description: string) => {
      const f = new NodeFunction(this, fid, {
        entry,
        description: `Outcomes (${props.stage}) ${description}`,
        observability,
        serviceName: 'outcomes-export',
        logLevel: props.logLevel,
        // A clinic's rows are held for k-anonymity; 1 GB also buys the CPU share for Parquet encoding.
        memorySize: 1024,
        timeout: Duration.minutes(15),
        environment,
      });
      // The table grant also covers the data key, which encrypts the bucket's objects too.
      table.grantReadWriteData(f.fn);
      denyAuditLogRewrites(table, f.role);
      this.allowObjects(f.role, ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'], '*');
      return f;
    };
    this.worker = exportFunction('Worker', 'functions/lambda/export-worker.ts', 'research export: one clinic');
    this.finalizer = exportFunction('Finalizer', 'functions/lambda/export-finalizer.ts', 'research export: codebook, manifest, completion');

    const markFailed = new tasks.LambdaInvoke(this, 'MarkFailed', {
      lambdaFunction: this.finalizer.fn,
      payload: sfn.TaskInput.fromObject({ exportId: sfn.JsonPath.stringAt('$.exportId'), owner: sfn.JsonPath.stringAt('$.owner'), error: sfn.JsonPath.objectAt('$.error') }),
      payloadResponseOnly: true,
    }).next(new sfn.Fail(this, 'Failed', { error: 'ExportFailed', cause: 'A step of the export failed; the export is marked failed.' }));

    const perClinic = new sfn.DistributedMap(this, 'PerClinic', {
      itemReader: new sfn.S3JsonItemReader({ bucket: this.bucket, key: sfn.JsonPath.stringAt('$.planKey') }),
      itemSelector: {
        exportId: sfn.JsonPath.stringAt('$.exportId'),
        owner: sfn.JsonPath.stringAt('$.owner'),
        clinicId: sfn.JsonPath.stringAt('$$.Map.Item.Value.clinicId'),
        clinicCode: sfn.JsonPath.stringAt('$$.Map.Item.Value.clinicCode'),
      },
      maxConcurrency: MAX_CONCURRENT_CLINICS,
      resultPath: sfn.JsonPath.DISCARD,
    });
    perClinic.itemProcessor(
      new tasks.LambdaInvoke(this, 'ExportClinic', { lambdaFunction: this.worker.fn, payloadResponseOnly: true, retryOnServiceExceptions: true }).addRetry({
        errors: ['States.TaskFailed'],
        maxAttempts: 2,
        backoffRate: 2,
        interval: Duration.seconds(10),
      }),
    );
    perClinic.addCatch(markFailed, { resultPath: '$.error' });
    const finalize = new tasks.LambdaInvoke(this, 'Finalize', {
      lambdaFunction: this.finalizer.fn,
      payload: sfn.TaskInput.fromObject({ exportId: sfn.JsonPath.stringAt('$.exportId'), owner: sfn.JsonPath.stringAt('$.owner') }),
      payloadResponseOnly: true,
    });
    finalize.addCatch(markFailed, { resultPath: '$.error' });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: `Outcomes (${props.stage}): a research export, one worker per consenting clinic, then the finalizer`,
      definitionBody: sfn.DefinitionBody.fromChainable(perClinic.next(finalize)),
      timeout: Duration.hours(6),
      tracingEnabled: true,
      // Every state transition is logged, but never execution data: inputs carry clinic ids.
      logs: { destination: observability.logGroup(this, 'StateMachineLogs'), level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    // The Distributed Map reads the plan (ItemReader adds s3:GetObject itself); its objects are under the data key.
    props.dataKey.grantDecrypt(this.stateMachine);
  }

  /** Exactly these object actions under one key prefix of the bucket, nothing on the bucket itself. */
  private allowObjects(role: iam.IRole, actions: string[], prefix: string): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [this.bucket.arnForObjects(prefix)] }));
  }

  /** What the API needs: write plans, read manifests and presign downloads, start executions. */
  grantRequests(api: NodeFunction): Record<string, string> {
    this.allowObjects(api.role, ['s3:PutObject'], 'plans/*');
    this.allowObjects(api.role, ['s3:GetObject'], '*');
    this.stateMachine.grantStartExecution(api.fn);
    return { EXPORTS_BUCKET: this.bucket.bucketName, EXPORT_STATE_MACHINE_ARN: this.stateMachine.stateMachineArn };
  }
}

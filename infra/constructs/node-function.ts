// One way to build every Lambda function of the platform, so they all get the same hygiene:
// Node 22 on ARM64, bundled locally by esbuild (no Docker), minified ESM with linked source maps,
// a dedicated role with no managed policies, a dedicated encrypted log group with retention, JSON
// logs (Lambda advanced logging controls, compatible with Powertools Logger) and Powertools env.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Observability } from './observability.js';

/** The repository root (this file lives in infra/constructs/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * esbuild settings shared by CDK and the bundle-size benchmark (test/bench/bundle-size.ts), so the
 * benchmark measures exactly what is deployed. The AWS SDK is bundled, not taken from the runtime:
 * the deployed code then runs the SDK version package-lock.json pins and tests ran against.
 */
export const BUNDLE = {
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  // ESM output: give CommonJS dependencies that call require() for Node built-ins a real require.
  banner: "import { createRequire as __outcomesCreateRequire } from 'node:module'; const require = __outcomesCreateRequire(import.meta.url);",
} as const;

export interface NodeFunctionProps {
  /** Entry file relative to the repository root, e.g. `functions/lambda/api.ts` (exports `handler`). */
  readonly entry: string;
  readonly description: string;
  readonly observability: Observability;
  readonly serviceName: string;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment?: Record<string, string>;
  readonly reservedConcurrentExecutions?: number;
  /** Asynchronous invocations (the aggregation): where failures go, retries and maximum age. */
  readonly deadLetterQueue?: sqs.IQueue;
  readonly retryAttempts?: number;
  readonly maxEventAge?: Duration;
}

/** A NodejsFunction plus its own role and log group. */
export class NodeFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    this.logGroup = props.observability.logGroup(this, 'LogGroup');
    // A role of its own with no AWS managed policy: the only permissions are the log-group grant
    // below and the grants the owning construct adds (table, queue).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (execution role)`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      entry: path.join(repoRoot, props.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[props.logLevel],
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: props.retryAttempts,
      maxEventAge: props.maxEventAge,
      recursiveLoop: lambda.RecursiveLoop.TERMINATE,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        LOG_LEVEL: props.logLevel,
        // Stack traces point into the TypeScript sources through the bundled source map.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false, // the locally installed esbuild; no Docker anywhere
        minify: true,
        sourceMap: true,
        sourceMapMode: nodejs.SourceMapMode.DEFAULT, // linked: index.mjs.map beside index.mjs
        sourcesContent: false, // keeps the asset small; sources are in the repository
        target: BUNDLE.target,
        format: nodejs.OutputFormat.ESM,
        mainFields: [...BUNDLE.mainFields],
        banner: BUNDLE.banner,
        bundleAwsSDK: true,
        externalModules: [],
        metafile: false,
      },
    });
  }
}

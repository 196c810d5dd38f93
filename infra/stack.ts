// One stack per stage, `Outcomes-<stage>`, made of constructs with clear seams:
//
//   DataLayer      stateful: the table and its customer-managed key (RETAIN, deletion protection)
//   Observability  ops key, alarm topic, log-group factory
//   Identity       Cognito user pool, hosted UI domain, dashboard app client
//   Api            HTTP API + the Hono Lambda
//   Aggregation    EventBridge Scheduler + coordinator Lambda + task queue + worker Lambdas + DLQs + alarms
//   Dashboard      S3 + CloudFront (origin access control) for the built dashboard, the API under /v1/*
//
// Why one stack rather than a data stack and a service stack: cross-stack references become
// CloudFormation exports, which freeze the exporting resource's attributes while anything imports
// them (the classic "export in use" deadlock) and make every stage a multi-stack deploy. The data
// resources are protected by themselves (RETAIN + deletion protection on table, keys and user pool),
// so the split would buy little. Later additions slot in without reshaping what exists:
//   - the export bucket: a construct next to DataLayer, encrypted with `data.dataKey`, granted to
//     `api.handler.fn`;
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from './config.js';
import { Aggregation } from './constructs/aggregation.js';
import { Api } from './constructs/api.js';
import { DashboardHosting } from './constructs/dashboard-hosting.js';
import { DataLayer } from './constructs/data-layer.js';
import { Exports } from './constructs/exports.js';
import { Identity } from './constructs/identity.js';
import { Observability } from './constructs/observability.js';

export interface OutcomesStackProps extends StackProps {
  readonly config: DeploymentConfig;
}

export class OutcomesStack extends Stack {
  readonly data: DataLayer;
  readonly observability: Observability;
  readonly identity: Identity;
  readonly api: Api;
  readonly aggregation: Aggregation;
  readonly dashboard: DashboardHosting;
  readonly exports: Exports;

  constructor(scope: Construct, id: string, props: OutcomesStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.data = new DataLayer(this, 'Data', { stage: config.stage });
    const table = this.data.table;

    this.observability = new Observability(this, 'Observability', {
      stage: config.stage,
      logRetentionDays: config.logRetentionDays,
      alarmEmail: config.alarmEmail,
    });

    this.identity = new Identity(this, 'Identity', {
      stage: config.stage,
      domainPrefix: config.cognitoDomainPrefix,
      dashboardUrls: config.dashboardUrls,
    });

    this.api = new Api(this, 'Api', {
      stage: config.stage,
      table,
      identity: this.identity,
      observability: this.observability,
      logLevel: config.logLevel,
      throttleRateLimit: config.throttleRateLimit,
      throttleBurstLimit: config.throttleBurstLimit,
      corsOrigins: config.dashboardUrls,
    });

    this.aggregation = new Aggregation(this, 'Aggregation', {
      stage: config.stage,
      table,
      observability: this.observability,
      logLevel: config.logLevel,
      rateMinutes: config.aggregationRateMinutes,
      missedRunsBeforeAlarm: config.missedRunsBeforeAlarm,
      reservedConcurrency: config.aggregationReservedConcurrency,
      workerConcurrency: config.aggregationWorkerConcurrency,
    });
    this.aggregation.grantRunNow(this.api.handler.fn);

    this.dashboard = new DashboardHosting(this, 'Dashboard', {
      stage: config.stage,
      distDir: config.dashboardDist,
      api: this.api,
      identity: this.identity,
      observability: this.observability,
      logRetentionDays: config.logRetentionDays,
    });

    new CfnOutput(this, 'DashboardUrl', { value: this.dashboard.url, description: 'The dashboard (CloudFront); also its OAuth callback URL' });
    this.exports = new Exports(this, 'Exports', { stage: config.stage, table, dataKey: this.data.dataKey, observability: this.observability, logLevel: config.logLevel });
    for (const [name, value] of Object.entries(this.exports.grantRequests(this.api.handler))) this.api.handler.fn.addEnvironment(name, value);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId, description: 'Cognito user pool id' });
    new CfnOutput(this, 'HostedUiDomain', {
      value: this.identity.domain.baseUrl(),
      description: 'Cognito hosted UI (sign-in) base URL',
    });
    new CfnOutput(this, 'AppClientId', {
      value: this.identity.dashboardClient.userPoolClientId,
      description: 'Dashboard app client id (authorization code + PKCE)',
    });
    new CfnOutput(this, 'JwtIssuer', { value: this.identity.issuer, description: 'Issuer of the user pool tokens' });
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'DynamoDB table (for the create-key CLI)' });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.observability.alarmTopic.topicArn,
      description: 'SNS topic every alarm notifies; subscribe on-call here',
    });
  }
}

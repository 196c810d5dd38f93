// Assertions on the synthesised CloudFormation template of `Outcomes-<stage>` (issue 4).
import { beforeAll, describe, expect, it } from 'vitest';
import { Token } from 'aws-cdk-lib';
import { AGGREGATION_METRICS_NAMESPACE } from '../../functions/aggregation/freshness-metrics.js';
import { Match } from 'aws-cdk-lib/assertions';
import { tableKeySchema } from '../../functions/store/table.js';
import { ROUTES } from '../../infra/constructs/api.js';
import { AUDIT_PARTITION_PREFIX } from '../../infra/constructs/table-access.js';
import { logicalId, synthesize, type Synthesized } from './synth.js';

// biome-ignore lint/suspicious/noExplicitAny: a CloudFormation template read as loose JSON; the assertions check the shapes.
type Json = Record<string, any>;

let s: Synthesized;
let resources: Record<string, Json>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const getAtt = (id: string, attr = 'Arn') => ({ 'Fn::GetAtt': [id, attr] });

beforeAll(() => {
  s = synthesize();
  resources = s.template.toJSON().Resources;
}, 120_000);

describe('data layer', () => {
  it('is a TableV2 (GlobalTable) on demand, CMK-encrypted, with PITR and deletion protection, retained', () => {
    const tables = ofType('AWS::DynamoDB::GlobalTable');
    expect(tables).toHaveLength(1);
    const [id, table] = tables[0]!;
    expect(id).toBe(logicalId(s.deployment.stack.data.table, s.deployment.stack));
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    const replica = table.Properties.Replicas[0];
    const keyId = logicalId(s.deployment.stack.data.dataKey, s.deployment.stack);
    expect(replica.SSESpecification).toEqual({ KMSMasterKeyId: getAtt(keyId) });
    expect(replica.PointInTimeRecoverySpecification).toMatchObject({ PointInTimeRecoveryEnabled: true });
    expect(replica.DeletionProtectionEnabled).toBe(true);
    expect(table.Properties.StreamSpecification).toBeUndefined(); // dynalite has no streams
    expect(table.Properties.TimeToLiveSpecification).toBeUndefined(); // nor TTL
  });

  it('encrypts with a customer-managed key that rotates and is never deleted with the stack', () => {
    const keyId = logicalId(s.deployment.stack.data.dataKey, s.deployment.stack);
    s.template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
    });
    expect(resources[keyId]!.Properties.EnableKeyRotation).toBe(true);
    for (const [, key] of ofType('AWS::KMS::Key')) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
    }
  });

  it('has exactly the key schema and indexes of functions/store/table.ts', () => {
    const [, table] = ofType('AWS::DynamoDB::GlobalTable')[0]!;
    const p = table.Properties;
    expect(p.KeySchema).toEqual([
      { AttributeName: tableKeySchema.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableKeySchema.sortKey, KeyType: 'RANGE' },
    ]);
    const indexes: readonly Json[] = tableKeySchema.indexes;
    expect(p.GlobalSecondaryIndexes).toEqual(
      indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection:
          i.projection === 'INCLUDE'
            ? { ProjectionType: 'INCLUDE', NonKeyAttributes: i.include }
            : { ProjectionType: i.projection },
      })),
    );
  });
});

describe('HTTP API routes and authorizer', () => {
  const routeKeys = (access: string) =>
    ROUTES.filter((r) => (access === 'people' ? r.access === 'people' : r.access !== 'people')).flatMap((r) =>
      r.methods.map((m) => `${m} ${r.path}`),
    );

  it('has exactly the routes of the table, all to the one Lambda integration', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual([...routeKeys('people'), ...routeKeys('public')].sort());
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /v1/events',
        'GET /v1/health',
        'GET /openapi.json',
        'GET /docs',
        'ANY /v1/admin/{proxy+}',
        'GET /v1/clinics/{proxy+}',
        'GET /v1/counselors/{proxy+}',
        'GET /v1/network/{proxy+}',
        'GET /v1/exports',
        'POST /v1/exports',
        'GET /v1/exports/{proxy+}',
      ]),
    );
    expect(ofType('AWS::ApiGatewayV2::Integration')).toHaveLength(1);
  });

  it('puts the Cognito JWT authorizer on every people route', () => {
    const [authorizerId] = ofType('AWS::ApiGatewayV2::Authorizer')[0]!;
    const people = new Set(routeKeys('people'));
    expect(people.size).toBe(7);
    for (const [, route] of ofType('AWS::ApiGatewayV2::Route')) {
      if (!people.has(route.Properties.RouteKey)) continue;
      expect(route.Properties.AuthorizationType, route.Properties.RouteKey).toBe('JWT');
      expect(route.Properties.AuthorizerId, route.Properties.RouteKey).toEqual({ Ref: authorizerId });
    }
  });

  it('leaves exactly the ingest and public routes without an authorizer, explicitly', () => {
    const open = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, r]) => r.Properties.AuthorizationType === 'NONE')
      .map(([, r]) => r.Properties.RouteKey)
      .sort();
    expect(open).toEqual(['GET /docs', 'GET /openapi.json', 'GET /v1/health', 'POST /v1/events']);
    for (const [, route] of ofType('AWS::ApiGatewayV2::Route')) {
      if (route.Properties.AuthorizationType === 'NONE') expect(route.Properties.AuthorizerId).toBeUndefined();
    }
    // A route added without an explicit authorizer gets the JWT one (secure by default).
    expect(s.deployment.stack.api.httpApi.defaultAuthorizer).toBeDefined();
  });

  it('checks tokens of the dashboard client against the pool, as the app does', () => {
    const pool = logicalId(s.deployment.stack.identity.userPool, s.deployment.stack);
    const client = logicalId(s.deployment.stack.identity.dashboardClient, s.deployment.stack);
    const issuer = { 'Fn::Join': ['', ['https://cognito-idp.us-east-1.amazonaws.com/', { Ref: pool }]] };
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: client }], Issuer: issuer },
    });
    const apiFn = resources[logicalId(s.deployment.stack.api.handler.fn, s.deployment.stack)]!;
    const env = apiFn.Properties.Environment.Variables;
    expect(env.JWT_ISSUER).toEqual(issuer);
    expect(env.JWT_AUDIENCE).toEqual({ Ref: client });
    expect(env.JWT_JWKS_URL).toEqual({
      'Fn::Join': ['', ['https://cognito-idp.us-east-1.amazonaws.com/', { Ref: pool }, '/.well-known/jwks.json']],
    });
  });

  it('throttles the stage and writes JSON access logs to an encrypted log group with retention', () => {
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    expect(ofType('AWS::ApiGatewayV2::Stage')).toHaveLength(1);
    expect(stage.Properties.StageName).toBe('$default');
    expect(stage.Properties.AutoDeploy).toBe(true);
    // Sized from the target's peak traffic with headroom (infra/config.ts, docs/cost-model.md).
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 });
    const logs = stage.Properties.AccessLogSettings;
    const format = JSON.parse(logs.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status' });
    expect(JSON.stringify(format)).not.toContain('$context.path'); // paths carry client ids
    const logGroupId = logs.DestinationArn['Fn::GetAtt'][0];
    expect(resources[logGroupId]!.Type).toBe('AWS::Logs::LogGroup');
  });

  it('reads throttling from context', () => {
    const other = synthesize({ throttleRateLimit: 7, throttleBurstLimit: 9 });
    other.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 9 },
    });
  }, 60_000);
});

describe('Cognito', () => {
  it('has the custom attributes, required TOTP MFA, no self sign-up, and is retained', () => {
    s.template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        DeletionProtection: 'ACTIVE',
        UserPoolTier: 'PLUS',
      }),
    });
    const [, pool] = ofType('AWS::Cognito::UserPool')[0]!;
    const custom = pool.Properties.Schema.filter((a: Json) => a.AttributeDataType === 'String').map((a: Json) => a.Name);
    expect(custom.sort()).toEqual(['clinics', 'counselorId', 'role']);
  });

  it('has a hosted UI domain and a public dashboard client with the code flow only', () => {
    expect(ofType('AWS::Cognito::UserPoolDomain')).toHaveLength(1);
    const [, client] = ofType('AWS::Cognito::UserPoolClient')[0]!;
    const p = client.Properties;
    expect(p.GenerateSecret).toBe(false); // public client: PKCE protects the code
    expect(p.AllowedOAuthFlows).toEqual(['code']);
    expect(p.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(p.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid']));
    // The configured URLs, then the dashboard's CloudFront URL (test/infra/dashboard-hosting.test.ts).
    expect(p.CallbackURLs[0]).toBe('http://localhost:3000/');
    expect(p.CallbackURLs).toHaveLength(2);
    expect(p.LogoutURLs).toEqual(p.CallbackURLs);
    expect(p.ExplicitAuthFlows ?? []).not.toContain('ALLOW_USER_PASSWORD_AUTH');
  });

  it('lets the client read the scope attributes but never write them (no self-promotion)', () => {
    const [, client] = ofType('AWS::Cognito::UserPoolClient')[0]!;
    expect(client.Properties.ReadAttributes).toEqual(
      expect.arrayContaining(['custom:role', 'custom:clinics', 'custom:counselorId']),
    );
    expect(client.Properties.WriteAttributes.filter((a: string) => a.startsWith('custom:'))).toEqual([]);
  });
});

describe('Lambda functions', () => {
  it('run Node 22 on ARM64 with JSON logs to their own encrypted log group with retention', () => {
    const { stack } = s.deployment;
    const platform = [stack.api.handler, stack.aggregation.handler, stack.aggregation.worker, stack.exports.worker, stack.exports.finalizer];
    const fns = platform.map((f) => resources[logicalId(f.fn, stack)]!);
    // Besides these five, only CDK's own BucketDeployment function (dashboard-hosting.test.ts).
    expect(ofType('AWS::Lambda::Function')).toHaveLength(6);
    for (const fn of fns) {
      const p = fn.Properties;
      expect(p.Runtime).toBe('nodejs22.x');
      expect(p.Architectures).toEqual(['arm64']);
      expect(p.Handler).toBe('index.handler');
      expect(p.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO' });
      const logGroup = resources[p.LoggingConfig.LogGroup.Ref]!;
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(p.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^outcomes-/),
        LOG_LEVEL: 'INFO',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        TABLE_NAME: { Ref: logicalId(s.deployment.stack.data.table, s.deployment.stack) },
      });
    }
  });

  it('sets retention and a KMS key on every log group', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(3); // two functions + API access logs
    for (const [, group] of groups) {
      expect(group.Properties.RetentionInDays).toBe(365);
      expect(group.Properties.KmsKeyId).toBeDefined();
    }
  });

  it('gives every function role only its own policy: no AWS managed policies', () => {
    for (const [, role] of ofType('AWS::IAM::Role')) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

const statements = (): Json[] =>
  ofType('AWS::IAM::Policy').flatMap(([id, p]) =>
    (p.Properties.PolicyDocument.Statement as Json[]).map((st): Json => ({ policy: id, ...st })),
  );
const actionsOf = (st: Json): string[] => [st.Action].flat();

describe('IAM least privilege', () => {
  const tableId = () => logicalId(s.deployment.stack.data.table, s.deployment.stack);

  it('never allows a wildcard action on data, nor `*` resources', () => {
    for (const st of statements()) {
      for (const action of actionsOf(st)) {
        expect(action).not.toBe('*');
        if (action.startsWith('dynamodb:') || action.startsWith('sqs:') || action.startsWith('logs:')) {
          expect(action, `${st.policy}: ${action}`).not.toContain('*');
        }
      }
      // X-Ray and CloudWatch Logs vended delivery support no resource-level permissions (the export
      // state machine traces and logs); nothing else may name `*`.
      if (!actionsOf(st).every((a) => a.startsWith('xray:') || /^logs:\w*(LogDelivery|LogDeliveries|ResourcePolicy|ResourcePolicies|LogGroups)$/.test(a))) expect([st.Resource].flat(), `${st.policy}: ${actionsOf(st)}`).not.toContain('*');
    }
  });

  it('scopes every DynamoDB permission to the table and its indexes', () => {
    const table = getAtt(tableId());
    const indexes = { 'Fn::Join': ['', [table, '/index/*']] };
    const dynamo = statements().filter((st) => actionsOf(st).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThanOrEqual(2);
    for (const st of dynamo) {
      for (const resource of [st.Resource].flat()) expect([table, indexes]).toContainEqual(resource);
    }
    // Both functions may read and write items — and nothing at table-management level.
    const allowed = new Set(dynamo.filter((st) => st.Effect === 'Allow').flatMap(actionsOf));
    for (const forbidden of ['dynamodb:DeleteTable', 'dynamodb:UpdateTable', 'dynamodb:CreateTable', 'dynamodb:RestoreTableToPointInTime']) {
      expect(allowed.has(forbidden)).toBe(false);
    }
  });

  it('gives the API and the aggregation read/write data access through grants, and denies rewriting the audit log', () => {
    for (const fn of [s.deployment.stack.api.handler, s.deployment.stack.aggregation.handler, s.deployment.stack.aggregation.worker]) {
      const roleId = logicalId(fn.role, s.deployment.stack);
      const mine = statements().filter(
        (st) => (resources[st.policy]!.Properties.Roles as Json[]).some((r) => r.Ref === roleId),
      );
      const allow = mine.filter((st) => st.Effect === 'Allow').flatMap(actionsOf);
      expect(allow).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem']));
      const deny = mine.find((st) => st.Effect === 'Deny');
      expect(deny).toMatchObject({
        Action: ['dynamodb:DeleteItem', 'dynamodb:UpdateItem'],
        Resource: getAtt(tableId()),
        Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${AUDIT_PARTITION_PREFIX}*`] } },
      });
      // KMS permissions only on the table's key, and on the ops key that encrypts the task queue.
      const kms = mine.filter((st) => actionsOf(st).some((a) => a.startsWith('kms:')));
      const keys = [s.deployment.stack.data.dataKey, s.deployment.stack.observability.opsKey].map((k) => JSON.stringify(getAtt(logicalId(k, s.deployment.stack))));
      for (const st of kms) expect(keys).toContain(JSON.stringify(st.Resource));
    }
    expect(AUDIT_PARTITION_PREFIX).toBe('AUDIT#');
  });

  it('lets the scheduler role invoke only the aggregation function and send only to its DLQ', () => {
    const roleId = logicalId(s.deployment.stack.aggregation.schedulerRole, s.deployment.stack);
    const fnId = logicalId(s.deployment.stack.aggregation.handler.fn, s.deployment.stack);
    const dlqId = logicalId(s.deployment.stack.aggregation.deadLetterQueue, s.deployment.stack);
    const mine = statements().filter((st) => (resources[st.policy]!.Properties.Roles as Json[]).some((r) => r.Ref === roleId));
    expect(mine.map((st) => st.Action).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    const invoke = mine.find((st) => st.Action === 'lambda:InvokeFunction')!;
    expect(invoke.Resource).toEqual([getAtt(fnId), { 'Fn::Join': ['', [getAtt(fnId), ':*']] }]);
    expect(mine.find((st) => st.Action === 'sqs:SendMessage')!.Resource).toEqual(getAtt(dlqId));
  });
});

describe('aggregation schedule', () => {
  it('runs the aggregation every 5 minutes by default, with retries and the DLQ', () => {
    const fnId = logicalId(s.deployment.stack.aggregation.handler.fn, s.deployment.stack);
    const dlqId = logicalId(s.deployment.stack.aggregation.deadLetterQueue, s.deployment.stack);
    const roleId = logicalId(s.deployment.stack.aggregation.schedulerRole, s.deployment.stack);
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: getAtt(fnId),
        RoleArn: getAtt(roleId),
        DeadLetterConfig: { Arn: getAtt(dlqId) },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
        Input: Match.serializedJson(
          Match.objectLike({ source: 'outcomes.scheduler', scheduledTime: '<aws.scheduler.scheduled-time>' }),
        ),
      },
    });
  });

  it('dead-letters failed asynchronous runs without Lambda retries, one run at a time', () => {
    const fn = resources[logicalId(s.deployment.stack.aggregation.handler.fn, s.deployment.stack)]!;
    const dlqId = logicalId(s.deployment.stack.aggregation.deadLetterQueue, s.deployment.stack);
    expect(fn.Properties.DeadLetterConfig).toEqual({ TargetArn: getAtt(dlqId) });
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(1);
    expect(fn.Properties.Timeout).toBe(300);
    s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 300,
    });
    s.template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: Match.anyValue(),
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('takes the rate from context', () => {
    const other = synthesize({ aggregationRateMinutes: 15, missedRunsBeforeAlarm: 2 });
    other.template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(15 minutes)' });
    other.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 2,
      Metrics: Match.arrayWith([Match.objectLike({ MetricStat: Match.objectLike({ Period: 900 }) })]),
    });
  }, 60_000);
});

describe('aggregation fan-out', () => {
  it('feeds the worker one clinic task at a time from an encrypted queue with a dead-letter queue', () => {
    const queueId = logicalId(s.deployment.stack.aggregation.taskQueue, s.deployment.stack);
    const taskDlqId = logicalId(s.deployment.stack.aggregation.taskDeadLetterQueue, s.deployment.stack);
    const workerId = logicalId(s.deployment.stack.aggregation.worker.fn, s.deployment.stack);
    const queue = resources[queueId]!.Properties;
    expect(queue).toMatchObject({ KmsMasterKeyId: expect.anything(), RedrivePolicy: { deadLetterTargetArn: getAtt(taskDlqId), maxReceiveCount: 3 } });
    // At least six times the worker's timeout, as AWS advises for a Lambda event source.
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * resources[workerId]!.Properties.Timeout);
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: getAtt(queueId),
      FunctionName: { Ref: workerId },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(resources[workerId]!.Properties.ReservedConcurrentExecutions).toBe(20);
  });

  it('lets the coordinator, the workers and the API (run now) send to the task queue, and tells them where it is', () => {
    const queueId = logicalId(s.deployment.stack.aggregation.taskQueue, s.deployment.stack);
    for (const fn of [s.deployment.stack.aggregation.handler, s.deployment.stack.aggregation.worker, s.deployment.stack.api.handler]) {
      const roleId = logicalId(fn.role, s.deployment.stack);
      const mine = statements().filter((st) => (resources[st.policy]!.Properties.Roles as Json[]).some((r) => r.Ref === roleId));
      const send = mine.find((st) => actionsOf(st).includes('sqs:SendMessage') && JSON.stringify(st.Resource) === JSON.stringify(getAtt(queueId)));
      expect(send, fn.node.path).toBeDefined();
      const env = resources[logicalId(fn.fn, s.deployment.stack)]!.Properties.Environment.Variables;
      expect(env.AGGREGATION_QUEUE_URL).toEqual({ Ref: queueId });
      // Each judges a clinic stale against the same run interval.
      expect(env.AGGREGATION_RATE_MINUTES).toBe('5');
    }
  });

  it('alarms on stale and on failing clinics from the coordinator\'s metrics; no coordinator counts as stale', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);
    const stale = alarms.find((a) => a.MetricName === 'StaleClinics');
    expect(stale).toMatchObject({
      Namespace: AGGREGATION_METRICS_NAMESPACE,
      Dimensions: [{ Name: 'Stage', Value: 'dev' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 3,
      TreatMissingData: 'breaching',
    });
    expect(alarms.find((a) => a.MetricName === 'FailingClinics')).toMatchObject({ Namespace: AGGREGATION_METRICS_NAMESPACE, Threshold: 1, TreatMissingData: 'notBreaching' });
  });
});

describe('alarms', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);
  const topic = () => ({ Ref: logicalId(s.deployment.stack.observability.alarmTopic, s.deployment.stack) });

  it('alarms on aggregation errors', () => {
    const fnId = logicalId(s.deployment.stack.aggregation.handler.fn, s.deployment.stack);
    const errors = alarms().find(
      (a) => a.MetricName === 'Errors' && a.Namespace === 'AWS/Lambda' && a.Dimensions?.[0]?.Value?.Ref === fnId,
    );
    expect(errors).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Period: 300 });
  });

  it('alarms when the schedule stops producing successful runs (missing data breaches)', () => {
    const stale = alarms().find((a) => a.Metrics?.some((m: Json) => m.Expression?.includes('invocations')));
    expect(stale).toBeDefined();
    expect(stale).toMatchObject({
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'breaching',
    });
    const expression = stale!.Metrics.find((m: Json) => m.Expression);
    expect(expression.Expression).toBe('FILL(invocations, 0) - FILL(errors, 0)');
    const names = stale!.Metrics.filter((m: Json) => m.MetricStat).map((m: Json) => m.MetricStat.Metric.MetricName);
    expect(names.sort()).toEqual(['Errors', 'Invocations']);
  });

  it('alarms on anything in the DLQ', () => {
    const dlqId = logicalId(s.deployment.stack.aggregation.deadLetterQueue, s.deployment.stack);
    const taskDlqId = logicalId(s.deployment.stack.aggregation.taskDeadLetterQueue, s.deployment.stack);
    const dlqs = alarms().filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');
    for (const dlq of dlqs) expect(dlq).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 1 });
    expect(dlqs.map((a) => a.Dimensions[0].Value)).toEqual(expect.arrayContaining([getAtt(dlqId, 'QueueName'), getAtt(taskDlqId, 'QueueName')]));
  });

  it('sends every alarm to the encrypted alarm topic', () => {
    expect(alarms().length).toBeGreaterThanOrEqual(4);
    for (const a of alarms()) {
      expect(a.AlarmActions).toEqual([topic()]);
      expect(a.OKActions).toEqual([topic()]);
    }
    s.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });
});

describe('outputs and config', () => {
  it('outputs the API URL, user pool id, hosted UI domain and app client id', () => {
    const outputs = s.template.toJSON().Outputs;
    for (const name of ['ApiUrl', 'UserPoolId', 'HostedUiDomain', 'AppClientId']) expect(outputs[name], name).toBeDefined();
    expect(JSON.stringify(outputs.HostedUiDomain.Value)).toContain('.auth.us-east-1.amazoncognito.com');
  });

  it('names the stack by stage and pins the region from context, never looking the account up', () => {
    expect(s.deployment.stack.stackName).toBe('Outcomes-dev');
    expect(s.deployment.stack.region).toBe('us-east-1');
    expect(Token.isUnresolved(s.deployment.stack.account)).toBe(true); // AWS::AccountId at deploy time
    const prod = synthesize({ stage: 'prod', region: 'eu-west-1', account: '123456789012' });
    expect(prod.deployment.stack.stackName).toBe('Outcomes-prod');
    expect(prod.deployment.stack.region).toBe('eu-west-1');
    expect(prod.deployment.stack.account).toBe('123456789012');
  }, 60_000);

  it('rejects bad context early, with the key in the message', () => {
    expect(() => synthesize({ region: '' })).toThrow(/"region" is required/);
    expect(() => synthesize({ aggregationRateMinutes: 0 })).toThrow(/aggregationRateMinutes/);
    expect(() => synthesize({ dashboardUrls: 'http://example.com/' })).toThrow(/https/);
    expect(() => synthesize({ logRetentionDays: 10 })).toThrow(/logRetentionDays/);
  });
});

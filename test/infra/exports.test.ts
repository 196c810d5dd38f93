// The research export infrastructure (issue 10): the bucket's protections, the per-clinic Distributed
// Map and its finalizer, and what the API may do with them. Synthesised offline, cdk-nag included.
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { EXPORT_RETENTION_DAYS } from '../../infra/constructs/exports.js';
import { logicalId, synthesize, type Synthesized } from './synth.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON read loosely; the assertions check its shape.
type Json = Record<string, any>;
let s: Synthesized;
let resources: Record<string, Json>;

beforeAll(() => {
  s = synthesize();
  resources = s.template.toJSON().Resources;
}, 120_000);

const id = (construct: { node: { defaultChild?: unknown } }) => logicalId(construct, s.deployment.stack);

describe('exports bucket', () => {
  it('is encrypted with the data key, blocks public access, keeps nothing past 7 days', () => {
    const bucket = resources[id(s.deployment.stack.exports.bucket)]!.Properties;
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'aws:kms',
      KMSMasterKeyID: { 'Fn::GetAtt': [id(s.deployment.stack.data.dataKey), 'Arn'] },
    });
    expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    const rule = bucket.LifecycleConfiguration.Rules[0];
    expect(rule).toMatchObject({ ExpirationInDays: EXPORT_RETENTION_DAYS, Status: 'Enabled' });
    expect(EXPORT_RETENTION_DAYS).toBe(7);
    expect(bucket.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: id(s.deployment.stack.exports.accessLogs) });
  });

  it('refuses every request without TLS', () => {
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id(s.deployment.stack.exports.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

describe('export state machine', () => {
  let definition: Json;
  beforeAll(() => {
    const machine = resources[id(s.deployment.stack.exports.stateMachine)]!.Properties;
    const parts = machine.DefinitionString['Fn::Join'][1] as unknown[];
    // Tokens (function ARNs, the bucket name) sit inside JSON strings; a placeholder keeps the JSON valid.
    definition = JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
  });

  it('runs one worker per plan item in a Distributed Map, then the finalizer; failures go to MarkFailed', () => {
    const map = definition.States.PerClinic;
    expect(map.Type).toBe('Map');
    expect(map.ItemProcessor.ProcessorConfig.Mode).toBe('DISTRIBUTED');
    expect(map.ItemReader.Resource).toContain('s3:getObject');
    expect(map.ItemReader.ReaderConfig.InputType).toBe('JSON');
    expect(map.ItemReader.Parameters['Key.$']).toBe('$.planKey');
    expect(Object.keys(map.ItemSelector).sort()).toEqual(['clinicCode.$', 'clinicId.$', 'exportId.$', 'owner.$']);
    expect(map.Next).toBe('Finalize');
    expect(map.Catch[0].Next).toBe('MarkFailed');
    expect(definition.States.Finalize.Catch[0].Next).toBe('MarkFailed');
    expect(definition.States.MarkFailed.Next).toBe('Failed');
  });

  it('logs every transition but never execution data (inputs carry clinic ids), and traces', () => {
    const machine = resources[id(s.deployment.stack.exports.stateMachine)]!.Properties;
    expect(machine.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    expect(machine.TracingConfiguration).toEqual({ Enabled: true });
  });
});

describe('the API and the export functions', () => {
  const policyOf = (role: { node: { defaultChild?: unknown } }) =>
    Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: Json) => x.Ref === id(role)));
  const statements = (role: { node: { defaultChild?: unknown } }) => policyOf(role).flatMap((p) => p.Properties.PolicyDocument.Statement as Json[]);

  it('the API may start the export state machine, write plans and read objects, and knows where they are', () => {
    const api = s.deployment.stack.api.handler;
    const env = resources[id(api.fn)]!.Properties.Environment.Variables;
    expect(env.EXPORTS_BUCKET).toEqual({ Ref: id(s.deployment.stack.exports.bucket) });
    expect(env.EXPORT_STATE_MACHINE_ARN).toEqual({ Ref: id(s.deployment.stack.exports.stateMachine) });
    const apiStatements = statements(api.role);
    expect(apiStatements).toContainEqual(expect.objectContaining({ Action: 'states:StartExecution', Resource: { Ref: id(s.deployment.stack.exports.stateMachine) } }));
    expect(apiStatements.filter((st) => String(st.Action).startsWith('s3:')).map((st) => st.Action)).toEqual(['s3:PutObject', 's3:GetObject']);
  });

  it('workers may only put, get and abort uploads of objects: no delete, no list', () => {
    const actions = statements(s.deployment.stack.exports.worker.role).flatMap((st) => [st.Action].flat()).filter((a: string) => a.startsWith('s3:'));
    expect(actions.sort()).toEqual(['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject']);
  });
});

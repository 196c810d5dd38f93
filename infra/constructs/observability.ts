// Operational plumbing shared by the service constructs: a KMS key for operational data (log groups,
// the alarm topic, dead-letter queues), the alarm topic every alarm notifies, and a factory for log
// groups with the deployment's retention. Operational data must never hold client data (the app
// never logs event bodies), but it is still encrypted with a customer-managed key because log lines
// carry pseudonymous ids and request metadata.
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface ObservabilityProps {
  readonly stage: string;
  readonly logRetentionDays: number;
  readonly alarmEmail?: string;
}

export class Observability extends Construct {
  readonly opsKey: kms.Key;
  readonly alarmTopic: sns.Topic;
  private readonly retention: logs.RetentionDays;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.retention = props.logRetentionDays as logs.RetentionDays;

    this.opsKey = new kms.Key(this, 'OpsKey', {
      description: `Outcomes (${props.stage}): encrypts logs, the alarm topic and dead-letter queues`,
      enableKeyRotation: true,
      // Retained log groups stay readable only while their key exists.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // CloudWatch Logs encrypts with the key on behalf of this account's log groups only.
    this.opsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
          },
        },
      }),
    );
    // CloudWatch alarms publish to the encrypted topic.
    this.opsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Outcomes ${props.stage} alarms`,
      masterKey: this.opsKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
  }

  /** A log group with the deployment's retention, encrypted with the ops key, kept on stack deletion. */
  logGroup(scope: Construct, id: string): logs.LogGroup {
    return new logs.LogGroup(scope, id, {
      retention: this.retention,
      encryptionKey: this.opsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Every alarm notifies the topic when it fires and when it recovers. */
  notify(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    const action = new cwActions.SnsAction(this.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }
}

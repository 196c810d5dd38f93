// The aggregation: EventBridge Scheduler invokes the aggregation Lambda every `rateMinutes`; the
// function reads what changed (gsi2-changes), recomputes the affected clients, clinics and the network
// benchmark, and writes the results back into the table.
//
// Failure handling
//   - Scheduler → Lambda delivery failures (permissions, throttling beyond its retries) go to the DLQ.
//   - Lambda runs the function asynchronously; a run that fails is NOT retried by Lambda
//     (retryAttempts 0): the next scheduled run is the retry, and retrying in between would only
//     overlap with it. A failed or expired invocation goes to the same DLQ.
//   - Reserved concurrency 1 (default) keeps two runs from ever overlapping; an invocation that finds
//     a run still going is throttled, retried by Lambda up to `maxEventAge` (one period), then dropped
//     to the DLQ, where it shows that aggregation takes longer than its schedule.
//
// Alarms (all notify the alarm topic)
//   - ErrorsAlarm: any failed run (AWS/Lambda Errors ≥ 1 in a period).
//   - DeadLetterAlarm: anything in the DLQ.
//   - StaleAlarm, "the schedule stopped producing results": successful runs, computed as
//     FILL(Invocations, 0) − FILL(Errors, 0), stayed below 1 for `missedRuns` consecutive periods,
//     missing data treated as breaching. Why this signal rather than a custom metric the function
//     emits: it needs nothing from the handler, so it cannot be silenced by a handler change, and it
//     catches every way results stop — schedule disabled or deleted, the scheduler role broken, the
//     function throttled, or failing on every run — because each of them stops successful
//     invocations. A run "succeeds" only when the handler returns without throwing, which the
//     aggregation does only after writing its results. (Invocations < 1 alone would miss a function
//     that runs but fails every time; the errors alarm alone would miss a schedule that never fires.)
import { Aws, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NodeFunction } from './node-function.js';
import type { Observability } from './observability.js';
import { denyAuditLogRewrites } from './table-access.js';

export interface AggregationProps {
  readonly stage: string;
  readonly table: dynamodb.ITableV2;
  readonly observability: Observability;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  readonly rateMinutes: number;
  readonly missedRunsBeforeAlarm: number;
  readonly reservedConcurrency?: number;
}

export class Aggregation extends Construct {
  readonly handler: NodeFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly schedule: scheduler.Schedule;
  /** The role EventBridge Scheduler assumes: invoke this function, send to the DLQ, nothing else. */
  readonly schedulerRole: iam.Role;
  readonly errorsAlarm: cloudwatch.Alarm;
  readonly staleAlarm: cloudwatch.Alarm;
  readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AggregationProps) {
    super(scope, id);
    const { observability } = props;
    const period = Duration.minutes(props.rateMinutes);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: observability.opsKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    this.handler = new NodeFunction(this, 'Handler', {
      entry: 'functions/lambda/aggregate.ts',
      description: `Outcomes (${props.stage}) aggregation, every ${props.rateMinutes} min`,
      observability,
      serviceName: 'outcomes-aggregation',
      logLevel: props.logLevel,
      memorySize: 1024,
      // A run must end before the next one is due (at most Lambda's 15-minute limit).
      timeout: Duration.minutes(Math.min(15, props.rateMinutes)),
      reservedConcurrentExecutions: props.reservedConcurrency,
      // Asynchronous invocations: no Lambda-side retries, never older than one period, failures to DLQ.
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 0,
      maxEventAge: period,
      environment: { TABLE_NAME: props.table.tableName },
    });
    const fn = this.handler.fn;
    props.table.grantReadWriteData(fn);
    denyAuditLogRewrites(props.table, this.handler.role);

    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'EventBridge Scheduler: invoke the aggregation function and dead-letter undeliverable runs',
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `Outcomes (${props.stage}): run the aggregation every ${props.rateMinutes} minutes`,
      schedule: scheduler.ScheduleExpression.rate(period),
      timeWindow: scheduler.TimeWindow.off(),
      target: new targets.LambdaInvoke(fn, {
        role: this.schedulerRole,
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 2,
        maxEventAge: period,
        // What the handler receives: when this run was due (the as-of time T) and a run id for logs.
        input: scheduler.ScheduleTargetInput.fromObject({
          source: 'outcomes.scheduler',
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
          executionId: scheduler.ContextAttribute.executionId,
        }),
      }),
    });

    this.errorsAlarm = observability.notify(
      new cloudwatch.Alarm(this, 'ErrorsAlarm', {
        alarmDescription: 'An aggregation run failed. Check the aggregation function log group; the next run retries.',
        metric: fn.metricErrors({ period, statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    const successfulRuns = new cloudwatch.MathExpression({
      label: 'Successful aggregation runs',
      expression: 'FILL(invocations, 0) - FILL(errors, 0)',
      usingMetrics: {
        invocations: fn.metricInvocations({ period, statistic: 'Sum' }),
        errors: fn.metricErrors({ period, statistic: 'Sum' }),
      },
      period,
    });
    this.staleAlarm = observability.notify(
      new cloudwatch.Alarm(this, 'StaleAlarm', {
        alarmDescription:
          `No successful aggregation for ${props.missedRunsBeforeAlarm} consecutive ${props.rateMinutes}-minute periods: ` +
          'dashboard figures are going stale. Check that the schedule is enabled, the DLQ, and the function errors.',
        metric: successfulRuns,
        threshold: 1,
        evaluationPeriods: props.missedRunsBeforeAlarm,
        datapointsToAlarm: props.missedRunsBeforeAlarm,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    );

    this.deadLetterAlarm = observability.notify(
      new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
        alarmDescription:
          'An aggregation invocation was dead-lettered (not delivered, failed, or expired behind a slow run). Inspect and purge the DLQ.',
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}

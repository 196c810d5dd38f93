// The aggregation, fanned out per clinic (SPEC §8):
//   EventBridge Scheduler → coordinator Lambda (every `rateMinutes`): reads every clinic's one small
//   bookkeeping item, puts one message per clinic with work (new events, clients due, a changed zone
//   or consent, a failure to retry) on the task queue;
//   task queue (SQS) → worker Lambdas, up to `workerConcurrency` at once: each runs one clinic task
//   under the clinic's fenced lease; the task that finishes a run's last one runs the network step.
//   "Run now" (the API) puts a "coordinate" message on the same queue; a worker coordinates it.
// A clinic's failure is recorded on the clinic and retried by the next run; only a failure to reach
// the store fails a message, which SQS redelivers and, after `maxReceiveCount` tries, dead-letters.
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
//   - ErrorsAlarm: any failed coordinator run (AWS/Lambda Errors ≥ 1 in a period); WorkerErrorsAlarm
//     the same for the workers.
//   - StaleClinicsAlarm / FailingClinicsAlarm: the coordinator writes how many clinics are stale
//     (work waiting over two run intervals, at least 30 minutes) or failing, as embedded-metric-format log records
//     (functions/aggregation/freshness-metrics.ts); any, for `missedRunsBeforeAlarm` periods (stale)
//     or one (failing), alarms. Missing data breaches the stale alarm: no coordinator, no figures.
//   - TaskDeadLetterAlarm: a task message dead-lettered.
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
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { AGGREGATION_METRICS_NAMESPACE, staleAfterMinutes } from '../../functions/aggregation/freshness-metrics.js';
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
  /**
   * Clinic tasks at once: bounds the table load of a run (docs/cost-model.md). At least 2, the
   * least maximum concurrency an SQS event source accepts (readConfig enforces it).
   */
  readonly workerConcurrency: number;
}

// A task message is tried this many times before it is dead-lettered.
const MAX_RECEIVE_COUNT = 3;
const WORKER_TIMEOUT = Duration.minutes(5);

export class Aggregation extends Construct {
  readonly handler: NodeFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly schedule: scheduler.Schedule;
  /** The role EventBridge Scheduler assumes: invoke this function, send to the DLQ, nothing else. */
  readonly schedulerRole: iam.Role;
  readonly errorsAlarm: cloudwatch.Alarm;
  readonly staleAlarm: cloudwatch.Alarm;
  readonly deadLetterAlarm: cloudwatch.Alarm;
  /** One clinic task per message; "coordinate" messages from "run now". */
  readonly taskQueue: sqs.Queue;
  readonly taskDeadLetterQueue: sqs.Queue;
  readonly worker: NodeFunction;
  readonly staleClinicsAlarm: cloudwatch.Alarm;
  readonly failingClinicsAlarm: cloudwatch.Alarm;
  private readonly observability: Observability;
  private readonly rateMinutes: number;

  constructor(scope: Construct, id: string, props: AggregationProps) {
    super(scope, id);
    const { observability } = props;
    this.observability = observability;
    this.rateMinutes = props.rateMinutes;
    const period = Duration.minutes(props.rateMinutes);

    const queueEncryption = { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: observability.opsKey, enforceSSL: true } as const;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', { ...queueEncryption, retentionPeriod: Duration.days(14) });
    this.taskDeadLetterQueue = new sqs.Queue(this, 'TaskDeadLetterQueue', { ...queueEncryption, retentionPeriod: Duration.days(14) });
    this.taskQueue = new sqs.Queue(this, 'TaskQueue', {
      ...queueEncryption,
      // AWS's advice for a Lambda event source: at least six times the function's timeout.
      visibilityTimeout: Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.taskDeadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    const environment = {
      TABLE_NAME: props.table.tableName,
      AGGREGATION_QUEUE_URL: this.taskQueue.queueUrl,
      STAGE: props.stage,
      // Staleness is judged against the run interval (functions/aggregation/clinics-to-run.ts).
      AGGREGATION_RATE_MINUTES: String(props.rateMinutes),
    };

    this.handler = new NodeFunction(this, 'Handler', {
      entry: 'functions/lambda/aggregate.ts',
      description: `Outcomes (${props.stage}) aggregation coordinator, every ${props.rateMinutes} min`,
      observability,
      serviceName: 'outcomes-aggregation',
      logLevel: props.logLevel,
      // It reads one small item per clinic and sends messages: seconds even at 10,000 clinics.
      memorySize: 512,
      timeout: Duration.minutes(Math.min(5, props.rateMinutes)),
      reservedConcurrentExecutions: props.reservedConcurrency,
      // Asynchronous invocations: no Lambda-side retries, never older than one period, failures to DLQ.
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 0,
      maxEventAge: period,
      environment,
    });
    const fn = this.handler.fn;
    props.table.grantReadWriteData(fn);
    denyAuditLogRewrites(props.table, this.handler.role);
    this.taskQueue.grantSendMessages(fn);

    this.worker = new NodeFunction(this, 'Worker', {
      entry: 'functions/lambda/aggregate-worker.ts',
      description: `Outcomes (${props.stage}) aggregation worker: one clinic task per message`,
      observability,
      serviceName: 'outcomes-aggregation-worker',
      logLevel: props.logLevel,
      // The largest clinic (40,000 clients) aggregates within 900 MB of heap (BENCHMARKS.md).
      memorySize: 1536,
      timeout: WORKER_TIMEOUT,
      reservedConcurrentExecutions: props.workerConcurrency,
      environment,
    });
    props.table.grantReadWriteData(this.worker.fn);
    denyAuditLogRewrites(props.table, this.worker.role);
    // Workers coordinate "run now" runs, so they send clinic tasks too.
    this.taskQueue.grantSendMessages(this.worker.fn);
    this.worker.fn.addEventSource(
      new SqsEventSource(this.taskQueue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: props.workerConcurrency }),
    );

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

    this.errorsAlarm = this.alarmOnAny(
      'ErrorsAlarm',
      'An aggregation run failed. Check the aggregation function log group; the next run retries.',
      fn.metricErrors({ period, statistic: 'Sum' }),
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

    this.staleClinicsAlarm = observability.notify(
      new cloudwatch.Alarm(this, 'StaleClinicsAlarm', {
        alarmDescription:
          `A clinic's figures are stale: work has waited over ${staleAfterMinutes(props.rateMinutes)} minutes. GET /v1/admin/aggregations lists which; check the workers and the task DLQ.`,
        metric: this.clinicMetric('StaleClinics', props.stage, period),
        threshold: 1,
        evaluationPeriods: props.missedRunsBeforeAlarm,
        datapointsToAlarm: props.missedRunsBeforeAlarm,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    );
    this.failingClinicsAlarm = this.alarmOnAny(
      'FailingClinicsAlarm',
      'A clinic\'s last aggregation task failed (it is retried every run). GET /v1/admin/aggregations shows the error.',
      this.clinicMetric('FailingClinics', props.stage, period),
    );
    this.alarmOnAny('WorkerErrorsAlarm', 'An aggregation worker failed to reach the store or the queue; SQS redelivers the message.', this.worker.fn.metricErrors({ period, statistic: 'Sum' }));
    this.alarmOnAny(
      'TaskDeadLetterAlarm',
      `An aggregation task failed ${MAX_RECEIVE_COUNT} times and was dead-lettered. Inspect the task DLQ; the clinic is retried by the next run.`,
      this.taskDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    );

    this.deadLetterAlarm = this.alarmOnAny(
      'DeadLetterAlarm',
      'An aggregation invocation was dead-lettered (not delivered, failed, or expired behind a slow run). Inspect and purge the DLQ.',
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    );
  }

  /** What "run now" needs (the API): send a "coordinate" message to the task queue, and the run interval. */
  grantRunNow(fn: lambda.Function): void {
    fn.addEnvironment('AGGREGATION_QUEUE_URL', this.taskQueue.queueUrl);
    // The admin overview judges staleness against the run interval, as the coordinator does.
    fn.addEnvironment('AGGREGATION_RATE_MINUTES', String(this.rateMinutes));
    this.taskQueue.grantSendMessages(fn);
  }

  /** An alarm on the alarm topic when the metric is 1 or more in one period; no data is fine. */
  private alarmOnAny(id: string, alarmDescription: string, metric: cloudwatch.IMetric): cloudwatch.Alarm {
    return this.observability.notify(
      new cloudwatch.Alarm(this, id, {
        alarmDescription,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  private clinicMetric(name: 'StaleClinics' | 'FailingClinics', stage: string, period: Duration) {
    return new cloudwatch.Metric({ namespace: AGGREGATION_METRICS_NAMESPACE, metricName: name, dimensionsMap: { Stage: stage }, statistic: 'Maximum', period });
  }
}

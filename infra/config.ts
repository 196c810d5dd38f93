// Deployment settings, read only from CDK context (cdk.json, `-c key=value`, or `new App({ context })`
// in tests). Nothing here looks up an account, a region or any other AWS state: `cdk synth` must work
// offline with no credentials. `region` is required (the table's customer-managed-key encryption
// cannot be rendered region-agnostic, and where client data lives must be a stated decision, not
// whatever a developer's profile says); `account` is optional, and without it the stacks deploy to
// whichever account the deploying credentials belong to.
import path from 'node:path';
import type { Node } from 'constructs';
import { repoRoot } from './constructs/node-function.js';

export interface DeploymentConfig {
  /** Short stage name (`dev`, `prod`, ...): prefixes stack names and the Cognito domain. */
  readonly stage: string;
  /** Optional target account; never looked up. */
  readonly account?: string;
  /** The AWS region that holds the data (required, from context). */
  readonly region: string;
  /** How often EventBridge Scheduler runs the aggregation, in minutes (1–60). */
  readonly aggregationRateMinutes: number;
  /** Consecutive scheduled runs without a successful aggregation before the staleness alarm fires. */
  readonly missedRunsBeforeAlarm: number;
  /** Reserved concurrency of the aggregation: 1 keeps runs from overlapping. `undefined` = unreserved. */
  readonly aggregationReservedConcurrency?: number;
  /** Aggregation worker Lambdas at once (clinic tasks in parallel). */
  readonly aggregationWorkerConcurrency: number;
  /** API stage throttling (steady requests per second and burst); see docs/cost-model.md for the sizing. */
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
  /** Retention of every log group, in days (must be a value CloudWatch Logs accepts). */
  readonly logRetentionDays: number;
  /** Powertools / Lambda application log level. */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Hosted UI domain prefix; default `outcomes-<stage>-<account id>` (unique per account and stage). */
  readonly cognitoDomainPrefix?: string;
  /** Where the dashboard runs: OAuth callback/logout URLs and CORS origins. */
  readonly dashboardUrls: string[];
  /** The built dashboard (`npm run build:dashboard`), absolute; default `<repo>/dashboard/dist`. */
  readonly dashboardDist: string;
  /** Optional e-mail address subscribed to the alarm topic. */
  readonly alarmEmail?: string;
}

const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

function str(node: Node, key: string): string | undefined {
  const v = node.tryGetContext(key);
  if (v === undefined || v === null || v === '') return undefined;
  return String(v);
}

function int(node: Node, key: string, fallback: number, min: number, max: number): number {
  const raw = str(node, key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`context "${key}" must be an integer in ${min}..${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function list(node: Node, key: string, fallback: string[]): string[] {
  const v = node.tryGetContext(key);
  if (v === undefined || v === null || v === '') return fallback;
  const items = Array.isArray(v) ? v.map(String) : String(v).split(',');
  return items.map((s) => s.trim()).filter(Boolean);
}

export function readConfig(node: Node): DeploymentConfig {
  const stage = str(node, 'stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) {
    throw new Error(`context "stage" must be 1-16 lowercase letters, digits or '-', starting with a letter; got ${stage}`);
  }
  const logRetentionDays = int(node, 'logRetentionDays', 365, 1, 3653);
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    throw new Error(`context "logRetentionDays" must be one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  const logLevel = (str(node, 'logLevel') ?? 'INFO').toUpperCase();
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(logLevel)) {
    throw new Error(`context "logLevel" must be DEBUG, INFO, WARN or ERROR; got ${logLevel}`);
  }
  const region = str(node, 'region');
  if (!region || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new Error(`context "region" is required (e.g. -c region=us-east-1; cdk.json sets a default); got ${JSON.stringify(region)}`);
  }
  const account = str(node, 'account');
  if (account !== undefined && !/^\d{12}$/.test(account)) {
    throw new Error(`context "account" must be a 12-digit AWS account id; got ${account}`);
  }
  const reserved = str(node, 'aggregationReservedConcurrency');
  const dashboardUrls = list(node, 'dashboardUrls', ['http://localhost:3000/']);
  for (const url of dashboardUrls) {
    const u = new URL(url); // throws on garbage
    if (u.protocol !== 'https:' && u.hostname !== 'localhost') {
      throw new Error(`context "dashboardUrls": Cognito accepts only https callback URLs (or http://localhost); got ${url}`);
    }
  }
  return {
    stage,
    account,
    region,
    aggregationRateMinutes: int(node, 'aggregationRateMinutes', 5, 1, 60),
    missedRunsBeforeAlarm: int(node, 'missedRunsBeforeAlarm', 3, 1, 24),
    aggregationReservedConcurrency:
      reserved === 'none' ? undefined : int(node, 'aggregationReservedConcurrency', 1, 1, 1000),
    aggregationWorkerConcurrency: int(node, 'aggregationWorkerConcurrency', 20, 2, 1000),
    // The target (SPEC §8: 1 billion events a year, peaks at 10× the mean) is 32 events/s on
    // average and 317/s at peak. Sized as if every event came in a request of its own (clinics
    // batch up to 100), plus dashboard reads (about 10 requests/s for 10,000 clinics' staff), with
    // 1.5× headroom: 500 requests/s steady, bursts of 1,000.
    throttleRateLimit: int(node, 'throttleRateLimit', 500, 1, 10_000),
    throttleBurstLimit: int(node, 'throttleBurstLimit', 1_000, 1, 5_000),
    logRetentionDays,
    logLevel: logLevel as DeploymentConfig['logLevel'],
    cognitoDomainPrefix: str(node, 'cognitoDomainPrefix'),
    dashboardUrls,
    dashboardDist: path.resolve(repoRoot, str(node, 'dashboardDist') ?? 'dashboard/dist'),
    alarmEmail: str(node, 'alarmEmail'),
  };
}

// Builds the whole deployment into an App. Shared by infra/app.ts (the CDK CLI entry) and the tests,
// so what the tests assert is exactly what `cdk synth` produces.
import type { App } from 'aws-cdk-lib';
import { readConfig, type DeploymentConfig } from './config.js';
import { applyNagChecks } from './nag.js';
import { OutcomesStack } from './stack.js';

export interface Deployment {
  readonly config: DeploymentConfig;
  readonly stack: OutcomesStack;
}

export function buildDeployment(app: App): Deployment {
  const config = readConfig(app.node);
  const stack = new OutcomesStack(app, `Outcomes-${config.stage}`, {
    // Only what the context says; without `account` the stack is account-agnostic.
    env: { account: config.account, region: config.region },
    config,
    description: `Outcomes platform (${config.stage}): DynamoDB, Cognito, HTTP API, aggregation schedule, alarms, dashboard on CloudFront`,
  });
  const deployment = { config, stack };
  applyNagChecks(app, deployment);
  return deployment;
}

// Synthesises the deployment the way `cdk synth` does (same builder, same cdk.json context), for the
// infra tests. Bundling is skipped unless asked for: the assertions are about the template, and
// esbuild-bundling both handlers on every test file would only add time (bundling.test.ts covers it).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildDeployment, type Deployment } from '../../infra/build.js';
import { repoRoot } from '../../infra/constructs/node-function.js';

export const cdkJsonContext = (): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')).context;

export interface Synthesized {
  app: App;
  deployment: Deployment;
  assembly: CloudAssembly;
  template: Template;
}

export interface SynthOptions {
  /** Run esbuild for the Lambda assets (slow); off by default. */
  bundling?: boolean;
  /** Change the stack after it is built and before synthesis (negative controls). */
  mutate?: (stack: Deployment['stack']) => void;
}

export function synthesize(context: Record<string, unknown> = {}, options: SynthOptions = {}): Synthesized {
  const app = new App({
    outdir: mkdtempSync(path.join(tmpdir(), 'outcomes-cdk-')),
    context: {
      ...cdkJsonContext(),
      ...(options.bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...context,
    },
  });
  const deployment = buildDeployment(app);
  options.mutate?.(deployment.stack);
  const assembly = app.synth(); // runs the cdk-nag plugins; throws on unacknowledged errors
  const template = Template.fromJSON(assembly.getStackArtifact(deployment.stack.artifactId).template);
  return { app, deployment, assembly, template };
}

/** The logical id of a construct's CloudFormation resource. */
export function logicalId(construct: { node: { defaultChild?: unknown } }, stack: Deployment['stack']): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}

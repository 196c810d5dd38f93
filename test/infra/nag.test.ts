// cdk-nag v3 (AwsSolutionsChecks + HIPAASecurityChecks through Validations.of(app).addPlugins):
// zero unacknowledged errors, every acknowledgement has a reason, and the checks really run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { nagPacks } from '../../infra/nag.js';
import { synthesize, type Synthesized } from './synth.js';

let s: Synthesized;

beforeAll(() => {
  s = synthesize(); // throws if any plugin reports an unacknowledged error
}, 120_000);

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason })),
      ),
  );
}

describe('cdk-nag', () => {
  it('registers both packs as validation plugins and the synthesis report has no errors', () => {
    const report = JSON.parse(readFileSync(path.join(s.assembly.directory, 'validation-report.json'), 'utf8'));
    const errors = (report.pluginReports as { violations?: { severity?: string }[] }[]).flatMap((r) =>
      (r.violations ?? []).filter((v) => v.severity === 'error' || v.severity === 'fatal'),
    );
    expect(errors).toEqual([]);
  });

  it('AwsSolutionsChecks and HIPAASecurityChecks report zero unacknowledged errors on the synthesised app', () => {
    const packs = nagPacks(s.app);
    expect(packs.map((p) => p.readPackName).sort()).toEqual(['AwsSolutions', 'HIPAA.Security']);
    for (const pack of packs) {
      const { violations } = pack.validateScope(s.app);
      const errors = violations
        .filter((v) => v.severity === 'error')
        .map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
      expect(errors, pack.readPackName).toEqual([]);
    }
  });

  it('gives every acknowledgement a specific, written reason on a specific resource', () => {
    const acks = acknowledgements(s.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(60);
      expect(ack.reason).not.toMatch(/TODO|FIXME|later/i);
      // Never a blanket acknowledgement on the app or the whole stack.
      expect(ack.path.split('/').length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(3);
    }
    // IAM5 acknowledgements name the exact finding, never the whole rule.
    for (const ack of acks.filter((a) => a.id.includes('IAM5'))) expect(ack.id).toMatch(/IAM5\[(Action|Resource)::/);
  });

  it('really runs: an unacknowledged violation fails synthesis', () => {
    expect(() =>
      synthesize(
        {},
        {
          // An unencrypted queue without enforceSSL breaks AwsSolutions-SQS3/SQS4 and nothing acknowledges it.
          mutate: (stack) => new sqs.Queue(stack, 'UnacknowledgedQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED }),
        },
      ),
    ).toThrow(/AwsSolutions-SQS/);
  }, 60_000);
});

// The Lambda assets are bundled offline by the locally installed esbuild (no Docker): minified ESM
// with a linked source map, at most 1 MB per function — 1.2 MB for the API, which since the research
// exports also carries the S3, presigner and Step Functions clients (about 200 KB; see BENCHMARKS.md),
// and for the export worker and finalizer, batch steps whose cold start nobody waits on.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize, type Synthesized } from './synth.js';

let s: Synthesized;

beforeAll(() => {
  s = synthesize({}, { bundling: true });
}, 180_000);

describe('Lambda bundling', () => {
  it('bundles every handler (API, aggregation coordinator and worker, export worker and finalizer) locally into minified ESM with a source map, each at most 1 MB (API and export steps 1.2 MB)', () => {
    const { stack } = s.deployment;
    // biome-ignore lint/suspicious/noExplicitAny: JSON read loosely; the assertions check its shape.
    const resources = s.template.toJSON().Resources as Record<string, any>;
    // The platform's own five; the sixth function is CDK's BucketDeployment, shipped prebuilt by aws-cdk-lib.
    const platform = [stack.api.handler, stack.aggregation.handler, stack.aggregation.worker, stack.exports.worker, stack.exports.finalizer];
    const functions = platform.map((f) => resources[stack.getLogicalId(f.fn.node.defaultChild as never)]);
    expect(functions.every((fn) => fn?.Type === 'AWS::Lambda::Function')).toBe(true);
    for (const fn of functions) {
      // The S3 key of a file asset is `<asset hash>.zip`; the staged directory is `asset.<hash>`.
      const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const assetDir = path.join(s.assembly.directory, `asset.${hash}`);
      const code = path.join(assetDir, 'index.mjs');
      expect(existsSync(code), code).toBe(true);
      expect(existsSync(`${code}.map`), `${code}.map`).toBe(true);
      const text = readFileSync(code, 'utf8');
      expect(text.startsWith("import { createRequire as __outcomesCreateRequire } from 'node:module';")).toBe(true);
      expect(text.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
      expect(text.length / text.split('\n').length).toBeGreaterThan(500); // minified: long lines
      const larger = /HTTP API|research export/.test(String(fn.Properties.Description));
      expect(statSync(code).size, String(fn.Properties.Description)).toBeLessThanOrEqual((larger ? 1.2 : 1) * 1024 * 1024);
      const map = JSON.parse(readFileSync(`${code}.map`, 'utf8'));
      expect(map.sourcesContent).toBeUndefined();
      expect(map.sources.some((src: string) => src.includes('functions/lambda/'))).toBe(true);
    }
  });
});

// The Lambda assets are bundled offline by the locally installed esbuild (no Docker): minified ESM
// with a linked source map, at most 1 MB per function.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize, type Synthesized } from './synth.js';

let s: Synthesized;

beforeAll(() => {
  s = synthesize({}, { bundling: true });
}, 180_000);

describe('Lambda bundling', () => {
  it('bundles the three handlers (API, aggregation coordinator, aggregation worker) locally into minified ESM with a source map, each at most 1 MB', () => {
    const functions = Object.values(s.template.toJSON().Resources as Record<string, any>).filter(
      (r) => r.Type === 'AWS::Lambda::Function',
    );
    expect(functions).toHaveLength(3);
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
      expect(statSync(code).size).toBeLessThanOrEqual(1024 * 1024);
      const map = JSON.parse(readFileSync(`${code}.map`, 'utf8'));
      expect(map.sourcesContent).toBeUndefined();
      expect(map.sources.some((src: string) => src.includes('functions/lambda/'))).toBe(true);
    }
  });
});

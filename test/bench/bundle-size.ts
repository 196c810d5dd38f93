// Bundle-size and cold-start benchmark for the Lambda handlers (issue 4).
//
//   npx tsx test/bench/bundle-size.ts [--runs 10] [--node /path/to/node22] [--json]
//
// 1. Bundles each handler with esbuild exactly as the CDK stack does (infra/constructs/node-function.ts:
//    the shared BUNDLE settings, minified ESM for node22, linked source map without sources content,
//    AWS SDK bundled) and prints the size of each bundle. Goal: ≤ 1 MB each.
// 2. Cold-start proxy: imports each bundle in `--runs` fresh `node` processes (with
//    --enable-source-maps, as deployed) and reports the median time of the import itself, measured
//    inside the process, and the median wall time of the whole process for context. Goal: median
//    import ≤ 150 ms. The same is measured without --enable-source-maps, to show what readable
//    stack traces cost at start-up. The probes run under `--node` (default: the node running this
//    script); pass a Node 22 binary to measure on the Lambda runtime's major version. This measures module loading and top-level initialisation — the part of a
//    Lambda cold start the code controls; it does not include the Lambda sandbox start or the
//    download of the package.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { BUNDLE, repoRoot } from '../../infra/constructs/node-function.js';

const HANDLERS = [
  { name: 'api', entry: 'functions/lambda/api.ts' },
  { name: 'aggregate', entry: 'functions/lambda/aggregate.ts' },
];
const SIZE_GOAL = 1024 * 1024;
const COLD_START_GOAL_MS = 150;

// What the deployed functions find in their environment; importing must not need AWS access.
const LAMBDA_LIKE_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  TABLE_NAME: 'outcomes-bench',
  POWERTOOLS_SERVICE_NAME: 'outcomes-bench',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  LOG_LEVEL: 'INFO',
  JWT_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench',
  JWT_AUDIENCE: 'bench-client',
  JWT_JWKS_URL: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench/.well-known/jwks.json',
};

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    node: { type: 'string', default: process.execPath },
    json: { type: 'boolean', default: false },
  },
});
const nodeBin = values.node;
const nodeVersion = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
if (!nodeVersion) throw new Error(`--node ${nodeBin} is not a node binary`);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function bundle(entry: string, outdir: string) {
  const outfile = path.join(outdir, 'index.mjs');
  // Mirrors the esbuild command line CDK's NodejsFunction runs for the options in node-function.ts.
  await esbuild.build({
    entryPoints: [path.join(repoRoot, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: BUNDLE.target,
    format: BUNDLE.format,
    mainFields: [...BUNDLE.mainFields],
    banner: { js: BUNDLE.banner },
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  return { outfile, bytes: statSync(outfile).size, mapBytes: statSync(`${outfile}.map`).size };
}

function coldStart(outfile: string, sourceMaps: boolean) {
  const probe = path.join(path.dirname(outfile), 'probe.mjs');
  writeFileSync(
    probe,
    [
      'const t0 = performance.now();',
      `const mod = await import(${JSON.stringify(pathToFileURL(outfile).href)});`,
      'const ms = performance.now() - t0;',
      "if (typeof mod.handler !== 'function') throw new Error('no exported handler');",
      'process.stdout.write(JSON.stringify({ ms }));',
    ].join('\n'),
  );
  const importMs: number[] = [];
  const processMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(nodeBin, [...(sourceMaps ? ['--enable-source-maps'] : []), probe], {
      env: { PATH: process.env.PATH, ...LAMBDA_LIKE_ENV },
      encoding: 'utf8',
    });
    processMs.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`importing ${outfile} failed:\n${r.stderr}`);
    importMs.push(JSON.parse(r.stdout).ms);
  }
  return { importMs: median(importMs), processMs: median(processMs), samples: importMs };
}

const missing = HANDLERS.filter((h) => !existsSync(path.join(repoRoot, h.entry)));
if (missing.length) throw new Error(`missing handler entry files: ${missing.map((h) => h.entry).join(', ')}`);

const work = mkdtempSync(path.join(tmpdir(), 'outcomes-bundle-'));
const results = [];
try {
  for (const h of HANDLERS) {
    const outdir = path.join(work, h.name);
    const b = await bundle(h.entry, outdir);
    const c = coldStart(b.outfile, true); // as deployed: NODE_OPTIONS=--enable-source-maps
    const bare = coldStart(b.outfile, false); // what the source maps cost
    results.push({
      handler: h.name,
      entry: h.entry,
      bytes: b.bytes,
      sourceMapBytes: b.mapBytes,
      sizeOk: b.bytes <= SIZE_GOAL,
      medianImportMs: Number(c.importMs.toFixed(1)),
      medianProcessMs: Number(c.processMs.toFixed(1)),
      importSamplesMs: c.samples.map((x) => Number(x.toFixed(1))),
      medianImportWithoutSourceMapsMs: Number(bare.importMs.toFixed(1)),
      coldStartOk: c.importMs <= COLD_START_GOAL_MS,
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (values.json) {
  console.log(JSON.stringify({ node: nodeVersion, arch: process.arch, runs, results }, null, 2));
} else {
  console.log(`Lambda bundles (esbuild ${esbuild.version}, ${BUNDLE.format} ${BUNDLE.target}, minified; measured on node ${nodeVersion} ${process.arch}, ${runs} fresh processes each)\n`);
  console.log(`| handler | bundle | source map | ≤ 1 MB | median import, as deployed (cold-start proxy) | ≤ ${COLD_START_GOAL_MS} ms | median process wall time | median import without --enable-source-maps |`);
  console.log('|---|---:|---:|:-:|---:|:-:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.handler} | ${kb(r.bytes)} | ${kb(r.sourceMapBytes)} | ${r.sizeOk ? 'yes' : 'NO'} | ${r.medianImportMs} ms | ${r.coldStartOk ? 'yes' : 'NO'} | ${r.medianProcessMs} ms | ${r.medianImportWithoutSourceMapsMs} ms |`,
    );
  }
}
if (results.some((r) => !r.sizeOk || !r.coldStartOk)) process.exitCode = 1;

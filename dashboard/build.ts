// Builds the dashboard into dashboard/dist: hashed, minified ES modules and CSS, an index.html
// that names them, and a manifest listing what was written and what it was built from, so the
// local server knows exactly which files it may serve and `npm start` knows when to rebuild.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { z } from 'zod';

const ROOT = dirname(fileURLToPath(import.meta.url));
const PROJECT = resolve(ROOT, '..');
export const DIST = join(ROOT, 'dist');
const MANIFEST = join(DIST, 'manifest.json');

const manifestSchema = z.object({
  /** Files under dist, by URL path, e.g. /assets/main-3FQ2.js. */
  files: z.array(z.string()),
  /** Every source file esbuild read, relative to the project, with its SHA-256. */
  inputs: z.record(z.string(), z.string()),
});
export type DashboardManifest = z.infer<typeof manifestSchema>;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export async function readManifest(): Promise<DashboardManifest | undefined> {
  try {
    return manifestSchema.parse(JSON.parse(await readFile(MANIFEST, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Missing, or built from sources that have changed since. */
export async function dashboardIsStale(): Promise<boolean> {
  const manifest = await readManifest();
  if (!manifest) return true;
  const template = join(ROOT, 'index.html');
  const inputs = { ...manifest.inputs };
  if (inputs[relative(PROJECT, template)] === undefined) return true;
  for (const [file, hash] of Object.entries(inputs)) {
    const current = await readFile(join(PROJECT, file)).then(sha256, () => undefined);
    if (current !== hash) return true;
  }
  return false;
}

export type BuildResult = { files: { path: string; bytes: number; gzipBytes: number }[]; jsGzipBytes: number };

/**
 * Every file is written to a temporary name and renamed into place, and files of older builds are
 * removed only after the new manifest is in place: two processes building at once (parallel test
 * files on a fresh clone) each leave a complete, consistent folder.
 */
async function writeAtomically(file: string, contents: Uint8Array | string) {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}

export async function buildDashboard(): Promise<BuildResult> {
  const result = await build({
    write: false,
    entryPoints: { main: join(ROOT, 'src/main.ts') },
    outdir: join(DIST, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    sourcemap: false,
    target: 'es2022',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) await writeAtomically(file.path, file.contents);
  const outputs = Object.entries(result.metafile.outputs);
  const urlOf = (file: string) => `/${relative(DIST, resolve(PROJECT, file)).split('\\').join('/')}`;
  const entry = outputs.find(([, o]) => o.entryPoint !== undefined && o.cssBundle !== undefined) ?? outputs.find(([, o]) => o.entryPoint);
  if (!entry) throw new Error('esbuild wrote no entry point');
  const [entryFile, entryOutput] = entry;
  const template = await readFile(join(ROOT, 'index.html'), 'utf8');
  const html = template
    .replace('%SCRIPT%', urlOf(entryFile))
    .replace('%STYLES%', entryOutput.cssBundle ? urlOf(entryOutput.cssBundle) : '');
  await writeAtomically(join(DIST, 'index.html'), html);

  const inputFiles = [...Object.keys(result.metafile.inputs), relative(PROJECT, join(ROOT, 'index.html'))];
  const inputs: Record<string, string> = {};
  for (const file of inputFiles) inputs[file] = sha256(await readFile(join(PROJECT, file)));
  const files = ['/index.html', ...outputs.map(([file]) => urlOf(file))];
  await writeAtomically(MANIFEST, `${JSON.stringify({ files, inputs } satisfies DashboardManifest, null, 2)}\n`);
  const current = new Set(files);
  for (const name of await readdir(join(DIST, 'assets'))) {
    if (!current.has(`/assets/${name}`) && !name.endsWith('.tmp')) await rm(join(DIST, 'assets', name), { force: true });
  }

  const sizes = await Promise.all(
    files.map(async (path) => {
      const body = await readFile(join(DIST, path));
      return { path, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
    }),
  );
  return { files: sizes, jsGzipBytes: sizes.filter((f) => f.path.endsWith('.js')).reduce((s, f) => s + f.gzipBytes, 0) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files, jsGzipBytes } = await buildDashboard();
  for (const f of files) console.log(`  ${basename(f.path).padEnd(28)} ${(f.bytes / 1024).toFixed(1).padStart(7)} KB  ${(f.gzipBytes / 1024).toFixed(1).padStart(6)} KB gzipped`);
  console.log(`Dashboard built into ${relative(process.cwd(), DIST)}: JavaScript ${(jsGzipBytes / 1024).toFixed(1)} KB gzipped in total.`);
}

// The built dashboard, served by the local server. Only the files the build's manifest lists are
// served, read once at start: a request path is a key in that map or nothing, so no path can
// reach outside the built folder. Hashed files are immutable; index.html and config.json are not.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Hono } from 'hono';
import { DIST, buildDashboard, dashboardIsStale, readManifest } from '../../dashboard/build.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

type StaticFile = { body: Buffer; type: string; cacheControl: string };

/** Builds the dashboard when it is missing or older than its sources, then loads its files. */
export async function loadDashboard(log: (line: string) => void): Promise<Map<string, StaticFile>> {
  if (await dashboardIsStale()) {
    log('Building the dashboard…');
    const { jsGzipBytes } = await buildDashboard();
    log(`Dashboard built: ${(jsGzipBytes / 1024).toFixed(1)} KB of JavaScript gzipped.`);
  }
  const manifest = await readManifest();
  if (!manifest) throw new Error('the dashboard build wrote no manifest');
  const files = new Map<string, StaticFile>();
  for (const path of manifest.files) {
    const type = TYPES[extname(path)];
    if (!type) continue;
    const immutable = path.startsWith('/assets/');
    files.set(path, { body: await readFile(join(DIST, path)), type, cacheControl: immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
  }
  return files;
}

export function dashboardRoutes(files: Map<string, StaticFile>) {
  const routes = new Hono();
  const serve = (path: string) => {
    const file = files.get(path);
    if (!file) return undefined;
    return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.type, 'cache-control': file.cacheControl, 'x-content-type-options': 'nosniff' } });
  };
  routes.get('/', () => serve('/index.html')!);
  routes.get('/config.json', (c) => c.json({ mode: 'local' }, 200, { 'cache-control': 'no-cache' }));
  routes.get('/assets/*', (c, next) => serve(c.req.path) ?? next());
  return routes;
}

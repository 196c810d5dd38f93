// `npm run export` against a real (in-memory) DynamoDB: the same run as the API's, files in DIR,
// plain progress lines when not on a terminal, the manifest summary at the end, usage errors exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEntriesOn } from '../../functions/store/audit-log.js';
import { DYNAMO_CREDENTIAL_FILE, publicEndpoint } from '../../functions/local/embedded-dynamodb.js';
import { CANARY_CLINIC, canaryEvents } from '../export/canary-data.js';
import { startExportPlatform, type ExportPlatform } from '../export/export-platform.js';
import { runCli } from './run-cli.js';

let x: ExportPlatform;
beforeAll(async () => {
  x = await startExportPlatform();
  await x.seedClinic(CANARY_CLINIC, true, canaryEvents().events);
  await x.aggregate();
  process.env.DYNAMODB_ENDPOINT = x.p.endpoint;
}, 60_000);
afterAll(async () => {
  delete process.env.DYNAMODB_ENDPOINT;
  await x.close();
});

describe('npm run export', () => {
  it('writes the export to DIR/<id>/ with progress lines and the manifest summary', async () => {
    const out = await mkdtemp(join(tmpdir(), 'export-cli-'));
    const result = await runCli('functions/cli/export.ts', ['--profile', 'safe_harbor', '--format', 'parquet', '--out', out, '--protocol-ref', 'IRB-3']);
    expect(result.stderr).toMatch(/Exporting 2 consenting clinic\(s\)/);
    expect(result.stderr).toMatch(/clinic 1\/2 exported\nclinic 2\/2 exported\n/);
    expect(result.code).toBe(0);
    const [exportId] = await readdir(out);
    expect(result.stdout).toContain(`Export ${exportId}:`);
    expect(result.stdout).toMatch(/clients\s+\d+ rows/);
    const manifest = JSON.parse(await readFile(join(out, exportId!, 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe('parquet');
    expect(result.stdout).toContain(`Generalisation and suppression:`);
    const audited = (await auditEntriesOn(x.p.db, new Date().toISOString().slice(0, 10), 500)).entries.filter((e) => e.exportId === exportId);
    expect(audited.map((e) => e.action).sort()).toEqual(['export.complete', 'export.request']);
    expect(audited[0]!.actor).toMatch(/^cli:/);
  }, 60_000);

  it('against a running npm start, signs with the credential its data folder keeps', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'export-cli-data-'));
    await writeFile(join(dataDir, DYNAMO_CREDENTIAL_FILE), new URL(x.p.endpoint).username, { mode: 0o600 });
    const out = await mkdtemp(join(tmpdir(), 'export-cli-'));
    const env = { DYNAMODB_ENDPOINT: publicEndpoint(x.p.endpoint), DATA_DIR: dataDir };
    const result = await runCli('functions/cli/export.ts', ['--profile', 'aggregate', '--format', 'csv', '--out', out], env);
    expect(result.stderr).not.toMatch(/not signed with the local credential/);
    expect(result.code).toBe(0);
    expect(await readdir(out)).toHaveLength(1);
  }, 60_000);

  it('answers a bad flag with the usage and exit code 2', async () => {
    const result = await runCli('functions/cli/export.ts', ['--profile', 'everything', '--format', 'csv', '--out', tmpdir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--profile');
    expect(result.stderr).toContain('usage: npm run export');
  }, 30_000);
});

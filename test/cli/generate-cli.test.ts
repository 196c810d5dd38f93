import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNetwork } from '../../functions/synthetic/index.js';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'generate-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('generate CLI', () => {
  it('writes the generator’s events as NDJSON and summarises them', async () => {
    const out = join(dir, 'events.ndjson');
    const asOf = '2025-06-30T00:00:00.000Z';
    const result = await runCli('functions/cli/generate.ts', ['--clients', '40', '--seed', '5', '--out', out, '--as-of', asOf]);
    expect(result.code).toBe(0);
    const expected = generateNetwork({ clients: 40, seed: 5, asOf }).events.map((e) => `${JSON.stringify(e)}\n`).join('');
    expect(await readFile(out, 'utf8')).toBe(expected);
    expect(result.stderr).toMatch(/wrote [\d,]+ events/);
    expect(result.stderr).toMatch(/riverside\s+America\/New_York/);
    expect(result.stderr).toMatch(/session\.recorded\s+\d+/);
  }, 20_000);

  it.each([
    [[], /--out is required/],
    [['--out', 'x.ndjson', '--clients', '0'], /--clients must be an integer ≥ 1/],
    [['--out', 'x.ndjson', '--as-of', 'soon'], /--as-of must be an ISO timestamp/],
    [['--out', 'x.ndjson', '--colour', 'blue'], /Unknown option '--colour'/],
  ])('refuses %j with a usage message', async (args, message) => {
    const result = await runCli('functions/cli/generate.ts', args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^usage:/m);
  }, 20_000);
});

// `npm start` is one process: a service manager that sends SIGTERM to the PID it started stops
// everything, and leaves no child running. Runs the start script's command itself, as a unit file would.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dir: string | undefined;
let started: ChildProcess | undefined;
afterAll(async () => {
  // A failed assertion must not leave the platform running.
  if (started?.exitCode === null) started.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The processes whose parent is `pid`, as [pid, command line]; `ps` exits 1 when there are none. */
function childrenOf(pid: number): [number, string][] {
  try {
    const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' }).trim().split('\n');
    return lines.map((line) => {
      const [child, ...args] = line.trim().split(/\s+/);
      return [Number(child), args.join(' ')];
    });
  } catch {
    return [];
  }
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the start script', () => {
  it('runs as one process that SIGTERM stops cleanly', async () => {
    dir = await mkdtemp(join(tmpdir(), 'start-'));
    const { scripts } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const [command, ...args] = scripts.start.split(' ');
    const child = spawn(command!, args, {
      cwd: root,
      env: { ...process.env, PORT: '0', DYNALITE_PORT: '0', DATA_DIR: dir, DEMO_DATA: 'off', AGGREGATE_EVERY_SECONDS: '0' },
    });
    started = child;
    let output = '';
    // `close`, not `exit`: it comes after the last of the process's output has been read.
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl-C stops it')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited early:\n${output}`)));
    });
    // The app runs in the started process itself, not in a node child a runner spawned (as `tsx file`
    // does). A compiler service (esbuild's) may come and go; it must not outlive the process.
    const children = childrenOf(child.pid!);
    expect(children.filter(([, args]) => /\bnode\b/.test(args))).toEqual([]);
    const baseUrl = /running at (\S+)/.exec(output)![1]!;
    expect((await fetch(`${baseUrl}/v1/health`)).status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped.');
    await expect(fetch(`${baseUrl}/v1/health`)).rejects.toThrow();
    // A compiler service notices its parent's end on its own stdin; give it the moment that takes.
    for (const [pid] of children) await expect.poll(() => isRunning(pid), { timeout: 5_000 }).toBe(false);
  }, 60_000);
});

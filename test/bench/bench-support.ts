// Shared pieces of the benchmark scripts: child processes that serve, and robust statistics.
import { spawn, type ChildProcess } from 'node:child_process';
import { newDynamoCredential } from '../../functions/local/embedded-dynamodb.js';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** Starts a tsx script and resolves once it prints a line matching `ready`. */
export function startScript(script: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        child.stdout!.off('data', onData);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
}

/**
 * A dynalite in a process of its own (embedded-dynamodb-process.ts) on `port`, in memory unless
 * `path` names a folder. The store refuses requests without its credential (embedded-dynamodb.ts):
 * the endpoint carries it.
 */
export async function startDynamoProcess({ port, path }: { port: number; path?: string }): Promise<{ endpoint: string; child: ChildProcess }> {
  const credential = newDynamoCredential();
  const env = { DYNALITE_PORT: String(port), DYNALITE_CREDENTIAL: credential, ...(path === undefined ? {} : { DYNALITE_PATH: path }) };
  const child = await startScript('test/bench/embedded-dynamodb-process.ts', env, /READY/);
  return { endpoint: `http://${credential}@127.0.0.1:${port}`, child };
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

export const machine = async () => {
  const os = await import('node:os');
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
};

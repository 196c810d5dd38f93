// The one-click demo sign-in hands a token to whoever asks, so it is offered only on loopback: a
// server started with HOST=0.0.0.0 lists no demo people and signs nobody in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, startLocalPlatform, type LocalPlatform } from '../../functions/local/local-platform.js';
import { localConfigFromEnv } from '../../functions/local/local-config.js';

describe('isLoopback', () => {
  it('is true only for addresses no other machine can reach', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'example.org'].map(isLoopback)).toEqual([false, false, false, false, false]);
  });
});

describe('a server reachable from other machines', () => {
  let platform: LocalPlatform;
  const lines: string[] = [];
  beforeAll(async () => {
    process.env.TABLE_NAME = 'demo-sign-in-exposure';
    const env = { HOST: '0.0.0.0', PORT: '0', DYNALITE_PORT: '0', DEMO_CLIENTS: '12', AGGREGATE_EVERY_SECONDS: '0' };
    platform = await startLocalPlatform({ ...localConfigFromEnv(env), inMemory: true }, (line) => lines.push(line));
  }, 120_000);
  afterAll(async () => {
    await platform?.close();
  });

  it('lists no demo people, signs nobody in, and says why at start', async () => {
    const { people } = (await (await fetch(`${platform.baseUrl}/local/people`)).json()) as { people: unknown[] };
    expect(people).toEqual([]);
    const signIn = await fetch(`${platform.baseUrl}/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: 'demo-admin' }),
    });
    expect(signIn.status).toBe(404);
    expect(lines.some((l) => l.includes('demo sign-in page is off'))).toBe(true);
    // The printed tokens are still written for the person who started it, on the console and in the credentials.
    expect(Object.keys(platform.credentials!.tokens).sort()).toEqual(['admin', 'counselor', 'director', 'researcher']);
  });
});

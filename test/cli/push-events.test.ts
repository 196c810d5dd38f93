import { afterEach, describe, expect, it } from 'vitest';
import { IngestRejected, RetriesExhausted, type IngestEvent } from '../../functions/cli/push-client.js';
import { PushFailed, pushEvents } from '../../functions/cli/push-events.js';
import { problem, startFakeIngestApi, type FakeIngestApi, type Script } from './fake-ingest-api.js';

const keys: Record<string, string> = { north: 'key-north', south: 'key-south' };
const fastRetry = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 };

/** n events alternating between two clinics, as a generator's output interleaves clinics. */
function events(n: number): IngestEvent[] {
  return Array.from({ length: n }, (_, i) => ({ id: `e${i}`, clinicId: i % 3 === 0 ? 'south' : 'north', type: 'x' }));
}

/** n events of one clinic: one batch, so request counts are retry counts. */
const oneClinic = (n: number) => events(n).map((e) => ({ ...e, clinicId: 'north' }));

let api: FakeIngestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function push(script: Script | undefined, input: IngestEvent[], options: { concurrency?: number; batchSize?: number } = {}) {
  api = await startFakeIngestApi(script);
  return pushEvents(input, { baseUrl: api.baseUrl, keyForClinic: (c) => keys[c], retry: fastRetry, ...options });
}

describe('pushEvents', () => {
  it('sends every event once, in per-clinic batches of at most 100 with that clinic’s key', async () => {
    const input = events(450);
    const summary = await push(undefined, input);
    const received = api!.received;
    for (const batch of received) {
      expect(batch.events.length).toBeLessThanOrEqual(100);
      expect(new Set(batch.events.map((e) => e.clinicId)).size).toBe(1);
      expect(batch.key).toBe(keys[batch.events[0]!.clinicId]);
      expect(batch.contentType).toBe('application/json');
    }
    const sent = received.flatMap((b) => b.events.map((e) => e.id));
    expect(sent.sort()).toEqual(input.map((e) => e.id).sort());
    // 300 north events → 3 full batches; 150 south → one full and one of 50.
    expect(received.map((b) => b.events.length).sort((a, b) => a - b)).toEqual([50, 100, 100, 100, 100]);
    expect(summary).toMatchObject({ batches: 5, sent: 450, stored: 450, duplicates: 0, retries: 0 });
  });

  it('keeps each clinic’s event order within and across its batches', async () => {
    await push(undefined, events(450), { concurrency: 1 });
    const northIds = api!.received.filter((b) => b.key === 'key-north').flatMap((b) => b.events.map((e) => e.id));
    expect(northIds).toEqual(events(450).filter((e) => e.clinicId === 'north').map((e) => e.id));
  });

  it('honours a smaller batch size', async () => {
    await push(undefined, events(30), { batchSize: 7 });
    expect(Math.max(...api!.received.map((b) => b.events.length))).toBe(7);
  });

  it('counts duplicates the API reports', async () => {
    const input = events(10);
    const summary = await push(undefined, [...input, ...input]);
    expect(summary).toMatchObject({ sent: 20, stored: 10, duplicates: 10 });
  });

  it('retries a 429 and then succeeds', async () => {
    const summary = await push(
      (_, n) => (n === 0 ? { status: 429, body: problem(429, 'Too Many Requests'), headers: { 'retry-after': '0' } } : undefined),
      oneClinic(5),
    );
    expect(api!.received).toHaveLength(2);
    expect(api!.received[1]!.events).toEqual(api!.received[0]!.events);
    expect(summary).toMatchObject({ stored: 5, retries: 1 });
  });

  it('retries 5xx answers and dropped connections', async () => {
    const summary = await push(
      (_, n) => (n === 0 ? { status: 503, body: problem(503, 'Service Unavailable') } : n === 1 ? 'drop' : undefined),
      oneClinic(5),
    );
    expect(api!.received).toHaveLength(3);
    expect(summary).toMatchObject({ stored: 5, retries: 2 });
  });

  it('gives up after the bounded number of attempts', async () => {
    const failure = await push(() => ({ status: 500, body: problem(500, 'Internal Server Error') }), oneClinic(5)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PushFailed);
    expect((failure as PushFailed).cause).toBeInstanceOf(RetriesExhausted);
    expect(api!.received).toHaveLength(fastRetry.maxAttempts);
  });

  it('stops at a 400 and reports the problem’s detail and errors, without retrying', async () => {
    const errors = [{ index: 1, path: ['occurredAt'], message: 'must be an RFC 3339 timestamp' }];
    const failure = await push(
      (_, n) => (n === 1 ? { status: 400, body: problem(400, 'Bad Request', { detail: '1 invalid event', errors }) } : undefined),
      events(1000),
      { concurrency: 1 },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PushFailed);
    const { progress, cause, clinicId } = failure as PushFailed;
    expect(cause).toBeInstanceOf(IngestRejected);
    const rejected = cause as IngestRejected;
    expect(rejected.problem).toMatchObject({ status: 400, detail: '1 invalid event', errors });
    expect(rejected.eventIds[1]).toBe(api!.received[1]!.events[1]!.id);
    expect(clinicId).toBe(api!.received[1]!.events[0]!.clinicId);
    expect(progress).toMatchObject({ batches: 1, sent: 100, retries: 0 });
    expect(api!.received).toHaveLength(2); // nothing sent after the refusal
  });

  it('stops before sending when a clinic has no key', async () => {
    const failure = await push(undefined, [{ id: 'x', clinicId: 'elsewhere' }]).catch((e: unknown) => e);
    expect((failure as PushFailed).message).toMatch(/no ingest key for clinic "elsewhere"/);
    expect(api!.received).toHaveLength(0);
  });
});

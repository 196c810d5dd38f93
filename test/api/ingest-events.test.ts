import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CLINIC_A, sampleEvents, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { postEvents } from '../support/requests.js';
import { tableName } from '../../functions/store/table.js';
import { clientTimeline } from '../../functions/store/client-timeline.js';
import { changesBetween } from '../../functions/store/changes-between.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const countEventItems = async () => {
  const { Items } = await p.db.send(
    new ScanCommand({ TableName: tableName(), FilterExpression: 'begins_with(pk, :e)', ExpressionAttributeValues: { ':e': 'EVENT#' } }),
  );
  return Items!.length;
};

describe('POST /v1/events', () => {
  it('stores a batch of every type, then reports it as duplicates', async () => {
    const events = sampleEvents(CLINIC_A, 'batch1');
    const first = await postEvents(p.app, p.ingestKeys[CLINIC_A], { events });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ stored: events.map((e) => e.id), duplicates: [] });
    const again = await postEvents(p.app, p.ingestKeys[CLINIC_A], { events });
    expect(await again.json()).toEqual({ stored: [], duplicates: events.map((e) => e.id) });
  });

  it('takes a single event, and treats an omitted default as the same body', async () => {
    const { weight: _w, ...goal } = sampleEvents(CLINIC_A, 'single')[2];
    const withDefault = { ...goal, weight: 1 };
    expect(await (await postEvents(p.app, p.ingestKeys[CLINIC_A], goal)).json()).toEqual({ stored: [goal.id], duplicates: [] });
    expect(await (await postEvents(p.app, p.ingestKeys[CLINIC_A], withDefault)).json()).toEqual({ stored: [], duplicates: [goal.id] });
  });

  it('answers 409 for a reused id with a different body and keeps the original', async () => {
    const [enrolled] = sampleEvents(CLINIC_A, 'conflict');
    await postEvents(p.app, p.ingestKeys[CLINIC_A], enrolled);
    const res = await postEvents(p.app, p.ingestKeys[CLINIC_A], { ...enrolled, gender: 'male' });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 409, conflicts: [enrolled.id] });
    const timeline = await clientTimeline(p.db, CLINIC_A, enrolled.clientId);
    expect(timeline.find((e) => e.id === enrolled.id)).toMatchObject({ gender: 'female' });
  });

  it('rejects a batch with bad events whole, listing index, path and message of each', async () => {
    const before = await countEventItems();
    const events = sampleEvents(CLINIC_A, 'bad').map((e) => ({ ...e }));
    (events[3] as Record<string, unknown>).level = 7;
    (events[6] as Record<string, unknown>).total = 37;
    const res = await postEvents(p.app, p.ingestKeys[CLINIC_A], { events });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 400, title: 'Invalid request' });
    expect(problem.errors).toEqual([
      expect.objectContaining({ index: 3, path: 'level' }),
      expect.objectContaining({ index: 6, path: 'total', message: expect.stringMatching(/computed by the platform/) }),
    ]);
    expect(await countEventItems()).toBe(before);
  });

  it('answers thousands of unknown keys with a capped, linear-size 400', async () => {
    const event = sampleEvents(CLINIC_A, 'keys')[1];
    const withKeys = (n: number) => Object.fromEntries([...Object.entries(event), ...Array.from({ length: n }, (_, i) => [`extra${i}`, 'x'])]);
    const sizes: number[] = [];
    for (const n of [200, 12_000]) {
      const res = await postEvents(p.app, p.ingestKeys[CLINIC_A], withKeys(n));
      expect(res.status).toBe(400);
      const text = await res.text();
      const problem = JSON.parse(text);
      expect(problem.errorCount).toBe(n);
      expect(problem.errors).toHaveLength(100);
      expect(problem.errors[0]).toEqual({ index: 0, path: 'extra0', message: expect.stringMatching(/^unknown field/) });
      sizes.push(text.length);
    }
    // 60 times the keys, about the same answer: the list is capped and no message repeats the key list.
    expect(sizes[1]!).toBeLessThan(sizes[0]! * 1.1);
    expect(sizes[1]!).toBeLessThan(20_000);
  });

  it('rejects a batch holding one id twice with different bodies, naming both indexes, and stores nothing', async () => {
    const before = await countEventItems();
    const [enrolled, session] = sampleEvents(CLINIC_A, 'twice');
    const res = await postEvents(p.app, p.ingestKeys[CLINIC_A], { events: [enrolled, session, { ...enrolled, gender: 'male' }] });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.errors).toEqual([
      { index: 0, path: 'id', message: expect.stringContaining('event 2') },
      { index: 2, path: 'id', message: expect.stringContaining('event 0') },
    ]);
    expect(await countEventItems()).toBe(before);
  });

  it('stores an exact repeat inside one batch once', async () => {
    const [, session] = sampleEvents(CLINIC_A, 'repeat');
    const res = await postEvents(p.app, p.ingestKeys[CLINIC_A], { events: [session, { ...session }] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect([...body.stored, ...body.duplicates]).toEqual([session.id, session.id]);
    expect(body.stored).toEqual([session.id]);
  });

  it('describes a bad single event at index 0', async () => {
    const res = await postEvents(p.app, p.ingestKeys[CLINIC_A], { ...sampleEvents(CLINIC_A, 's')[1], status: 'late' });
    expect((await res.json()).errors).toEqual([expect.objectContaining({ index: 0, path: 'status' })]);
  });

  it('rejects an empty batch and one of 101 events', async () => {
    const one = sampleEvents(CLINIC_A, 'big')[1];
    for (const events of [[], Array.from({ length: 101 }, (_, i) => ({ ...one, id: `big-${i}` }))]) {
      const res = await postEvents(p.app, p.ingestKeys[CLINIC_A], { events });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].path).toBe('events');
    }
  });

  it('answers 413 for a body over 256 KB, 415 for a body that is not JSON, 400 for malformed JSON', async () => {
    const huge = { events: [{ ...sampleEvents(CLINIC_A, 'huge')[0], pad: 'x'.repeat(300 * 1024) }] };
    const tooLarge = await postEvents(p.app, p.ingestKeys[CLINIC_A], huge);
    expect(tooLarge.status).toBe(413);
    const notJson = await postEvents(p.app, p.ingestKeys[CLINIC_A], 'id=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(notJson.status).toBe(415);
    const malformed = await postEvents(p.app, p.ingestKeys[CLINIC_A], '{"events": [');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe('application/problem+json');
  });

  it('indexes stored events by client timeline and by ingest time', async () => {
    const at = new Date(Date.now() - 1000).toISOString();
    const events = sampleEvents(CLINIC_A, 'idx', 'client-idx');
    await postEvents(p.app, p.ingestKeys[CLINIC_A], { events });
    const timeline = await clientTimeline(p.db, CLINIC_A, 'client-idx');
    expect(timeline.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
    const changed = (await changesBetween(p.db, CLINIC_A, at, new Date(Date.now() + 1000).toISOString())).map((c) => c.event);
    expect(changed.map((e) => e.id)).toEqual(expect.arrayContaining(events.map((e) => e.id)));
    expect(await changesBetween(p.db, CLINIC_A, new Date(Date.now() + 1000).toISOString(), new Date(Date.now() + 2000).toISOString())).toEqual([]);
  });

  it('never needed the 5xx path', () => {
    expect(p.unexpectedErrors).toEqual([]);
  });
});

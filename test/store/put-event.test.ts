import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CLINIC_A, sampleEvents, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { postEvents } from '../support/requests.js';
import { tableName } from '../../functions/store/table.js';
import { eventKeys } from '../../functions/store/keys.js';
import { eventSchema } from '../../functions/events/schema.js';
import { putEvent } from '../../functions/store/put-event.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const itemsUnder = async (eventId: string) => {
  const { Items } = await p.db.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': eventKeys.primary(CLINIC_A, eventId).pk },
    }),
  );
  return Items!;
};

describe('idempotent event writes against dynalite', () => {
  it('50 concurrent posts of the same event store exactly one item: one stored, 49 duplicates', async () => {
    const event = sampleEvents(CLINIC_A, 'concurrent')[2];
    const responses = await Promise.all(Array.from({ length: 50 }, () => postEvents(p.app, p.ingestKeys[CLINIC_A], event)));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(bodies.filter((b) => b.stored.length === 1)).toHaveLength(1);
    expect(bodies.filter((b) => b.duplicates.length === 1)).toHaveLength(49);
    expect(await itemsUnder(event.id)).toHaveLength(1);
  });

  it('50 concurrent different bodies under one id: one wins, 49 conflicts, nothing overwritten', async () => {
    const base = sampleEvents(CLINIC_A, 'race')[3];
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => putEvent(p.db, eventSchema.parse({ ...base, counselorId: `co-${i}` }), new Date().toISOString())),
    );
    expect(outcomes.filter((o) => o === 'stored')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'conflict')).toHaveLength(49);
    const [item] = await itemsUnder(base.id);
    expect(item!.event.counselorId).toBe(`co-${outcomes.indexOf('stored')}`);
  });

  it('same id with a different body in a later request is a 409', async () => {
    const event = sampleEvents(CLINIC_A, 'later')[1];
    await postEvents(p.app, p.ingestKeys[CLINIC_A], event);
    const res = await postEvents(p.app, p.ingestKeys[CLINIC_A], { ...event, status: 'no_show' });
    expect(res.status).toBe(409);
    expect((await itemsUnder(event.id))[0]!.event.status).toBe('attended');
  });

  it('a batch with one bad event stores nothing', async () => {
    const events = sampleEvents(CLINIC_A, 'onebad').map((e, i) => (i === 4 ? { ...e, outcome: 'sort of' } : e));
    const res = await postEvents(p.app, p.ingestKeys[CLINIC_A], { events });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([expect.objectContaining({ index: 4, path: 'outcome' })]);
    for (const e of events) expect(await itemsUnder(e.id)).toEqual([]);
  });
});

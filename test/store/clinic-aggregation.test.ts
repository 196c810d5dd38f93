// The clinic's fenced lease on dynalite: one live holder at a time, every taking bumps the fence,
// and a task that outlived its lease can neither overwrite a newer task's items nor its record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { LeaseLostError, acquireClinicLease, completeClinicTask, countStoredEvents } from '../../functions/store/clinic-aggregation.js';
import { SupersededError, fencedPutAll } from '../../functions/store/fenced-put.js';
import { tableName } from '../../functions/store/table.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const done = { watermark: '2026-01-01T00:00:00.000Z', asOf: '2026-01-01T00:00:02.000Z', timeZone: 'UTC', researchConsent: false, completedAt: '2026-01-01T00:00:03.000Z' };

describe('clinic lease and fencing', () => {
  it('a lease is held until it expires; each taking bumps the fence; ingest counts beside it', async () => {
    const t = new Date('2026-01-01T00:00:00.000Z');
    await countStoredEvents(p.db, 'fence-1', 3, t.toISOString());
    const first = await acquireClinicLease(p.db, 'fence-1', 'task-1', t, 60_000);
    expect(first).toMatchObject({ fence: 1, storedBySecond: { '2026-01-01T00:00:00': 3 }, pendingSince: t.toISOString() });
    expect(await acquireClinicLease(p.db, 'fence-1', 'task-2', new Date(t.getTime() + 59_000), 60_000)).toBeUndefined();
    await countStoredEvents(p.db, 'fence-1', 2, t.toISOString());
    await countStoredEvents(p.db, 'fence-1', 4, '2026-01-01T00:01:30.000Z');
    const second = await acquireClinicLease(p.db, 'fence-1', 'task-2', new Date(t.getTime() + 61_000), 60_000);
    expect(second).toMatchObject({ fence: 2, storedBySecond: { '2026-01-01T00:00:00': 5, '2026-01-01T00:01:30': 4 } });
    // Completing drops the counts of the seconds the watermark passed, and only those.
    await completeClinicTask(p.db, 'fence-1', second!.fence, { ...done, watermark: '2026-01-01T00:01:00.000Z' }, ['2026-01-01T00:00:00'], false);
    const third = await acquireClinicLease(p.db, 'fence-1', 'task-3', new Date(t.getTime() + 62_000), 60_000);
    expect(third).toMatchObject({ storedBySecond: { '2026-01-01T00:01:30': 4 }, pendingSince: t.toISOString() });
  });

  it('a task whose lease passed on can neither overwrite newer items nor record its completion', async () => {
    const key = { pk: 'METRICS#fence-2', sk: 'CLINIC' };
    const t = new Date('2026-01-01T00:00:00.000Z');
    const stale = (await acquireClinicLease(p.db, 'fence-2', 'slow-task', t, 1_000))!;
    const fresh = (await acquireClinicLease(p.db, 'fence-2', 'new-task', new Date(t.getTime() + 5_000), 60_000))!;
    await fencedPutAll(p.db, [{ ...key, figure: 'newer' }], fresh.fence);
    await expect(fencedPutAll(p.db, [{ ...key, figure: 'older' }], stale.fence)).rejects.toBeInstanceOf(SupersededError);
    const { Item } = await p.db.send(new GetCommand({ TableName: tableName(), Key: key }));
    expect(Item).toMatchObject({ figure: 'newer', fence: fresh.fence });
    await expect(completeClinicTask(p.db, 'fence-2', stale.fence, done, [], true)).rejects.toBeInstanceOf(LeaseLostError);
    await completeClinicTask(p.db, 'fence-2', fresh.fence, done, [], true);
    // Completed and released: the next task takes the lease at once.
    expect(await acquireClinicLease(p.db, 'fence-2', 'next-task', new Date(t.getTime() + 6_000), 60_000)).toMatchObject({ fence: fresh.fence + 1, watermark: done.watermark });
  });
});

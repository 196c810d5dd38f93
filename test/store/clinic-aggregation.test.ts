// The clinic's fenced lease on dynalite: one live holder at a time, every taking bumps the fence,
// and a task that outlived its lease can neither start its writes nor overwrite a newer task's record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { LeaseLostError, acquireClinicLease, completeClinicTask, countStoredEvents, proveLease } from '../../functions/store/clinic-aggregation.js';
import { aggregationKeys } from '../../functions/store/keys.js';
import { tableName } from '../../functions/store/table.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const done = { watermark: '2026-01-01T00:00:00.000Z', asOf: '2026-01-01T00:00:02.000Z', timeZone: 'UTC', researchConsent: false, completedAt: '2026-01-01T00:00:03.000Z', layout: 2 };

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

  it('a task whose lease passed on can neither start writing nor record its completion', async () => {
    const t = new Date('2026-01-01T00:00:00.000Z');
    const stale = (await acquireClinicLease(p.db, 'fence-2', 'slow-task', t, 1_000))!;
    const fresh = (await acquireClinicLease(p.db, 'fence-2', 'new-task', new Date(t.getTime() + 5_000), 60_000))!;
    // Taking the lease marks the clinic as being rewritten, by its owner.
    expect(fresh).toMatchObject({ rewriting: 'partial', rewritingBy: 'slow-task', leaseOwner: 'new-task' });
    // The proof a task near its lease's end gives before its writes: the stale one is refused.
    await expect(proveLease(p.db, 'fence-2', stale.fence)).rejects.toBeInstanceOf(LeaseLostError);
    await proveLease(p.db, 'fence-2', fresh.fence);
    const { Item } = await p.db.send(new GetCommand({ TableName: tableName(), Key: aggregationKeys.clinic('fence-2') }));
    expect(Item).toMatchObject({ fence: fresh.fence, leaseOwner: 'new-task' });
    await expect(completeClinicTask(p.db, 'fence-2', stale.fence, done, [], true)).rejects.toBeInstanceOf(LeaseLostError);
    await completeClinicTask(p.db, 'fence-2', fresh.fence, done, [], true);
    // Completed and released, the mark cleared: the next task takes the lease at once.
    const next = await acquireClinicLease(p.db, 'fence-2', 'next-task', new Date(t.getTime() + 6_000), 60_000);
    expect(next).toMatchObject({ fence: fresh.fence + 1, watermark: done.watermark });
    expect(next).toMatchObject({ rewriting: 'partial', rewritingBy: 'next-task' });
  });
});

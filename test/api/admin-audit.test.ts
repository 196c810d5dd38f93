// The audit log of a day, spread over shards, read a page at a time with a cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { bearer } from '../support/requests.js';
import { appendAudit } from '../../functions/store/audit-log.js';
import { tableName } from '../../functions/store/table.js';

const DAY = '2026-07-04';
const N = 250;
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
  const at = (i: number) => new Date(Date.parse(`${DAY}T00:00:00.000Z`) + i * 300_000).toISOString();
  for (let i = 0; i < N; i++) {
    await appendAudit(p.db, { at: at(i), actor: `user-${i}`, role: 'director', scope: ['c'], action: 'caseload.read', subject: { counselorId: 'co-1' }, purpose: 'operations', rows: i });
  }
  // Around the day: the evening before and the next morning, which a read of the day must not show.
  await appendAudit(p.db, { at: '2026-07-03T23:59:59.999Z', actor: 'before', role: 'admin', scope: [], action: 'x' });
  await appendAudit(p.db, { at: '2026-07-05T00:00:00.000Z', actor: 'after', role: 'admin', scope: [], action: 'x' });
}, 60_000);
afterAll(() => p.close());

const page = async (query: string) => {
  const res = await p.app.request(`/v1/admin/audit?${query}`, { headers: bearer(p.tokens.admin) });
  return { status: res.status, body: await res.json() };
};

describe('GET /v1/admin/audit', () => {
  it('spreads a day over several partitions', async () => {
    const { Items } = await p.db.send(
      new ScanCommand({ TableName: tableName(), FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': `AUDIT#${DAY}#` } }),
    );
    expect(Items).toHaveLength(N);
    expect(new Set(Items!.map((i) => i.pk)).size).toBeGreaterThan(1);
  });

  it('pages through the day oldest first, each entry once, ending with a null cursor', async () => {
    const seen: { actor: string; at: string }[] = [];
    const sizes: number[] = [];
    let cursor: string | null | undefined;
    do {
      const { status, body } = await page(`day=${DAY}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      expect(body.day).toBe(DAY);
      sizes.push(body.entries.length);
      seen.push(...body.entries);
      cursor = body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([100, 100, 50]);
    expect(seen.map((e) => e.actor)).toEqual(Array.from({ length: N }, (_, i) => `user-${i}`));
    expect(seen[0]).toMatchObject({ subject: { counselorId: 'co-1' }, purpose: 'operations', rows: 0 });
  });

  it('defaults to 100 a page', async () => {
    const { body } = await page(`day=${DAY}`);
    expect(body.entries).toHaveLength(100);
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it('answers a day with no entries with an empty page', async () => {
    expect((await page('day=2026-01-01')).body).toEqual({ day: '2026-01-01', entries: [], nextCursor: null });
  });

  it.each([
    ['a cursor of another day', async () => `day=2026-07-05&cursor=${(await page(`day=${DAY}&limit=1`)).body.nextCursor}`],
    ['a cursor that is not one', async () => `day=${DAY}&cursor=bm90LWEtY3Vyc29y`],
    ['a limit of 0', async () => `day=${DAY}&limit=0`],
    ['a limit of 501', async () => `day=${DAY}&limit=501`],
    ['no day', async () => 'limit=10'],
  ])('answers %s with a 400 problem', async (_what, query) => {
    const { status, body } = await page(await query());
    expect(status).toBe(400);
    expect(body.status).toBe(400);
  });
});

// Time and lag: a client is re-derived when its time comes, with no new event (a session dated 10
// minutes ahead counts in the first run after its time), and only the clients that are due; and no
// event is ever skipped, however long the change-feed index takes to show it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, sampleEvents, CLINIC_A, type TestPlatform } from '../support/test-platform.js';
import { fakeClock } from '../support/fake-clock.js';
import { postEvents } from '../support/requests.js';
import { metricSnapshot } from '../support/metric-snapshot.js';
import { runAggregation, type AggregationOptions } from '../../functions/aggregation/run-aggregation.js';
import { getClinicView } from '../../functions/store/clinic-view.js';
import { clinicAggregations } from '../../functions/store/clinic-aggregation.js';
import { CHANGES_INDEX } from '../../functions/store/keys.js';
import { figuresOf, resetAggregates } from './aggregation-store.js';
import { wrapStore } from '../support/wrap-store.js';

// 10:00 in New York (clinic A's zone): no day turns in the minutes these tests move through.
const clock = fakeClock('2026-11-02T15:00:00.000Z');
let p: TestPlatform;

const run = (options: AggregationOptions = {}, db = p.db) => runAggregation(db, { now: clock.now(), settleMs: 0, overlapMs: 0, ...options });
const attended = async () => (await getClinicView(p.db, CLINIC_A))!.metrics.engagement.overall.attendance.attended;
const ingestA = async (events: unknown[]) => expect((await postEvents(p.app, p.ingestKeys[CLINIC_A], { events })).status).toBe(200);

beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
  for (const client of ['c1', 'c2', 'c3']) await ingestA(sampleEvents(CLINIC_A, client, client).slice(0, 4));
  clock.advance(60_000);
  await run();
});
afterAll(() => p.close());

describe('due clients', () => {
  it('a session dated 10 minutes ahead counts in the first run after its time, and only its client is re-derived', async () => {
    const before = await attended();
    const ahead = new Date(clock.now().getTime() + 10 * 60_000).toISOString();
    const base = { clinicId: CLINIC_A, clientId: 'c1', counselorId: 'co-1' };
    await ingestA([{ ...base, id: 'ahead-1', type: 'session.recorded', occurredAt: ahead, sessionId: 's-ahead', status: 'attended' }]);
    clock.advance(60_000);
    expect(await run()).toMatchObject({ clinics: 1, eventsRead: 1 });
    expect(await attended()).toBe(before);
    const state = (await clinicAggregations(p.db, [CLINIC_A])).get(CLINIC_A)!;
    expect(state.nextDueAt).toBe(ahead);

    // Not due yet: nothing runs.
    clock.advance(8 * 60_000);
    expect(await run()).toMatchObject({ clinics: 0 });
    // The first run after its time, no new event: the one client it belongs to is re-derived.
    clock.advance(2 * 60_000);
    expect(await run()).toMatchObject({ clinics: 1, clinicsRun: 1, eventsRead: 0, clientsDerived: 1 });
    expect(await attended()).toBe(before + 1);
  });
});

describe('index lag', () => {
  it('an event the index shows only long after the overlap is still read, and the watermark waits for it', async () => {
    // The change-feed index hides these events until released: lag far past the (zero) overlap.
    const hidden = new Set(['lag-1.enr', 'lag-1.ses']);
    const lagging = wrapStore(p.db, async (command, send) => {
      const result = (await send(command as never)) as { Items?: { event?: { id: string } }[] };
      if (command.constructor.name === 'QueryCommand' && command.input.IndexName === CHANGES_INDEX && result.Items) {
        result.Items = result.Items.filter((i) => !hidden.has(i.event?.id ?? ''));
      }
      return result as never;
    });
    const base = { clinicId: CLINIC_A, clientId: 'lag-1', counselorId: 'co-1', occurredAt: '2026-10-01T10:00:00-04:00' };
    await ingestA([
      { ...base, id: 'lag-1.enr', type: 'client.enrolled', gender: 'unknown', primarySubstance: 'alcohol', referral: 'self' },
      { ...base, id: 'lag-1.ses', type: 'session.recorded', sessionId: 's1', status: 'attended' },
    ]);
    const before = await attended();
    const watermark = async () => (await clinicAggregations(p.db, [CLINIC_A])).get(CLINIC_A)!.watermark;
    const held = await watermark();

    // Run after run, an hour on: the feed shows nothing, but ingest counted two events stored.
    for (let i = 0; i < 3; i++) {
      clock.advance(20 * 60_000);
      expect(await run({}, lagging)).toMatchObject({ clinics: 1, clinicsRun: 1, eventsRead: 0 });
      expect(await watermark()).toBe(held);
      expect(await attended()).toBe(before);
    }
    hidden.clear();
    clock.advance(60_000);
    expect(await run({}, lagging)).toMatchObject({ clinics: 1, eventsRead: 2 });
    expect(await attended()).toBe(before + 1);
    expect(await watermark()).not.toBe(held);
    // And the figures are those of a full rebuild.
    const incremental = figuresOf(await metricSnapshot(p.db));
    await resetAggregates(p.db);
    await run({ full: true });
    expect(incremental).toEqual(figuresOf(await metricSnapshot(p.db)));
  });
});

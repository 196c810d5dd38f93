// One clinic's trouble stays its own: a clinic that fails (an invalid stored time zone, here) is
// recorded with its error, shown failing to admins and retried by the next run, while the others
// are brought up to date; a clinic leased by another task is left to it, and a task that outlived
// its lease writes nothing over a newer task's; a changed zone re-derives the clinic at the next
// run though no event arrived.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, sampleEvents, CLINIC_A, CLINIC_B, type TestPlatform } from '../support/test-platform.js';
import { fakeClock } from '../support/fake-clock.js';
import { bearer, postEvents } from '../support/requests.js';
import { metricSnapshot } from '../support/metric-snapshot.js';
import { runAggregation } from '../../functions/aggregation/run-aggregation.js';
import { getClinic, putClinic } from '../../functions/store/clinics.js';
import { getClinicView } from '../../functions/store/clinic-view.js';
import { acquireClinicLease, clinicAggregations } from '../../functions/store/clinic-aggregation.js';
import { figuresOf, resetAggregates } from './aggregation-store.js';
import { wrapStore } from '../support/wrap-store.js';

const clock = fakeClock('2026-11-02T15:00:00.000Z');
let p: TestPlatform;

const run = () => runAggregation(p.db, { now: clock.now(), settleMs: 0, overlapMs: 0 });
/** The admin API's clinic update, as an admin would make it. */
async function updateClinic(clinicId: string, settings: { timeZone: string; researchConsent: boolean }) {
  const res = await p.app.request(`/v1/admin/clinics/${clinicId}`, {
    method: 'PUT',
    headers: { ...bearer(p.tokens.admin), 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  expect(res.status).toBe(200);
}
const overview = async () => (await p.app.request('/v1/admin/aggregations', { headers: bearer(p.tokens.admin) })).json();

beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
  for (const [clinicId, tag] of [[CLINIC_A, 'a'], [CLINIC_B, 'b']] as const) {
    for (const client of ['c1', 'c2']) {
      const res = await postEvents(p.app, p.ingestKeys[clinicId], { events: sampleEvents(clinicId, `${tag}-${client}`, client) });
      expect(res.status).toBe(200);
    }
  }
  clock.advance(60_000);
});
afterAll(() => p.close());

describe('admin aggregation routes', () => {
  it('"run now" answers 202 with a run id; the run is followed by id; bad ids are problems', async () => {
    const res = await p.app.request('/v1/admin/aggregations', { method: 'POST', headers: bearer(p.tokens.admin) });
    expect(res.status).toBe(202);
    const { runId } = await res.json();
    await p.aggregation.idle();
    const run = await (await p.app.request(`/v1/admin/aggregations/${runId}`, { headers: bearer(p.tokens.admin) })).json();
    expect(run).toMatchObject({ runId, status: 'completed', report: { clinics: 2, clinicsRun: 2, clinicsFailed: 0 } });
    for (const [path, status] of [['/v1/admin/aggregations/not-a-run-id', 400], [`/v1/admin/aggregations/${crypto.randomUUID()}`, 404]] as const) {
      const bad = await p.app.request(path, { headers: bearer(p.tokens.admin) });
      expect(bad.status).toBe(status);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
    }
    const forbidden = await p.app.request('/v1/admin/aggregations', { method: 'POST', headers: bearer(p.tokens.director) });
    expect(forbidden.status).toBe(403);
    // The run has made every clinic fresh; forget it so the tests below start from nothing.
    await resetAggregates(p.db);
  });
});

describe('per-clinic isolation', () => {
  it('a clinic with an invalid stored zone fails alone, recorded with its error; the others go on', async () => {
    // Stored before zones were validated (or by hand): the API would refuse it today.
    const b = (await getClinic(p.db, CLINIC_B))!;
    await putClinic(p.db, { ...b, timeZone: 'Mars/Olympus_Mons' });
    const report = await run();
    expect(report).toMatchObject({ status: 'completed', clinics: 2, clinicsRun: 1, clinicsFailed: 1 });
    expect((await getClinicView(p.db, CLINIC_A))?.metrics.clients).toBe(2);
    expect(await getClinicView(p.db, CLINIC_B)).toBeUndefined();
    const state = (await clinicAggregations(p.db, [CLINIC_B])).get(CLINIC_B)!;
    expect(state.error).toMatchObject({ attempts: 1, message: expect.stringContaining('Mars/Olympus_Mons') });

    const body = await overview();
    expect(body.lastRun).toMatchObject({ runId: report.runId, status: 'completed', report: { clinicsFailed: 1 } });
    expect(body.clinics).toEqual(
      expect.arrayContaining([
        { clinicId: CLINIC_A, status: 'fresh', asOf: clock.now().toISOString() },
        { clinicId: CLINIC_B, status: 'failing', asOf: null, error: expect.stringContaining('invalid time zone') },
      ]),
    );
  });

  it('retries the failing clinic every run, counting attempts, until its zone is fixed', async () => {
    clock.advance(60_000);
    expect(await run()).toMatchObject({ clinics: 1, clinicsFailed: 1 });
    expect((await clinicAggregations(p.db, [CLINIC_B])).get(CLINIC_B)!.error!.attempts).toBe(2);

    await updateClinic(CLINIC_B, { timeZone: 'America/Chicago', researchConsent: false });
    clock.advance(60_000);
    expect(await run()).toMatchObject({ clinics: 1, clinicsRun: 1, clinicsFailed: 0 });
    expect((await getClinicView(p.db, CLINIC_B))?.metrics.clients).toBe(2);
    expect((await overview()).clinics.every((c: { status: string }) => c.status === 'fresh')).toBe(true);
  });

  it('a stale clinic shows stale once its work has waited past the threshold', async () => {
    await postEvents(p.app, p.ingestKeys[CLINIC_A], { events: sampleEvents(CLINIC_A, 'a-c3', 'c3') });
    expect((await overview()).clinics.find((c: { clinicId: string }) => c.clinicId === CLINIC_A).status).toBe('fresh');
    clock.advance(31 * 60_000);
    expect((await overview()).clinics.find((c: { clinicId: string }) => c.clinicId === CLINIC_A).status).toBe('stale');
    await run();
    expect((await overview()).clinics.find((c: { clinicId: string }) => c.clinicId === CLINIC_A).status).toBe('fresh');
  });

  it('leaves a clinic leased by a live task to it, and takes it up the run after', async () => {
    await postEvents(p.app, p.ingestKeys[CLINIC_A], { events: sampleEvents(CLINIC_A, 'a-c4', 'c4') });
    await postEvents(p.app, p.ingestKeys[CLINIC_B], { events: sampleEvents(CLINIC_B, 'b-c4', 'c4') });
    clock.advance(1_000);
    const viewA = await getClinicView(p.db, CLINIC_A);
    // Leases run on the wall clock, whatever the as-of time of the figures.
    expect(await acquireClinicLease(p.db, CLINIC_A, 'another-task', new Date(), 60_000)).toBeDefined();
    expect(await run()).toMatchObject({ clinics: 2, clinicsBusy: 1, clinicsRun: 1 });
    expect(await getClinicView(p.db, CLINIC_A)).toEqual(viewA);
    expect((await getClinicView(p.db, CLINIC_B))?.metrics.clients).toBe(3);
    // Two minutes on, the other task's lease has run out (it died, say): the clinic is taken up.
    clock.advance(1_000);
    const later = await runAggregation(p.db, { now: clock.now(), settleMs: 0, overlapMs: 0, wallClock: () => new Date(Date.now() + 120_000) });
    expect(later).toMatchObject({ clinics: 1, clinicsRun: 1 });
    expect((await getClinicView(p.db, CLINIC_A))?.metrics.clients).toBe(4);
  });

  it('a task that stalls past its lease writes nothing once a newer task has taken its clinic', async () => {
    // (Clients c1–c4 are in clinic A's figures from the tests above.)
    await postEvents(p.app, p.ingestKeys[CLINIC_A], { events: sampleEvents(CLINIC_A, 'a-c5', 'c5') });
    clock.advance(1_000);
    let afterNewer: Record<string, unknown> | undefined;
    // The stalled task's wall clock: it stalls ten minutes, past its five-minute lease.
    let stalledFor = 0;
    const stalling = wrapStore(p.db, async (command, send) => {
      // Right after it has read the feed, the task stalls; meanwhile its lease runs out and the
      // next run's task takes the clinic and completes.
      if (!afterNewer && command.constructor.name === 'QueryCommand' && command.input.IndexName) {
        const result = await send(command as never);
        stalledFor = 10 * 60_000;
        // The newer task also sees an event the stalled one never read: what the stalled one would write differs.
        await postEvents(p.app, p.ingestKeys[CLINIC_A], { events: sampleEvents(CLINIC_A, 'a-c6', 'c6') });
        clock.advance(1_000);
        const newer = await runAggregation(p.db, { now: clock.now(), settleMs: 0, overlapMs: 0, wallClock: () => new Date(Date.now() + stalledFor) });
        expect(newer).toMatchObject({ clinicsRun: 1, clinicsFailed: 0 });
        afterNewer = await metricSnapshot(p.db);
        return result;
      }
      return send(command as never);
    });
    const stale = await runAggregation(stalling, { now: clock.now(), settleMs: 0, overlapMs: 0, wallClock: () => new Date(Date.now() + stalledFor) });
    expect(stale).toMatchObject({ clinicsRun: 0, clinicsBusy: 1, clinicsFailed: 0 });
    expect(afterNewer).toBeDefined();
    // Not one item of the clinic's differs from what the newer task left.
    const now = await metricSnapshot(p.db);
    expect(Object.keys(now).filter((key) => key.startsWith(`METRICS#${CLINIC_A}|`) && JSON.stringify(now[key]) !== JSON.stringify(afterNewer![key]))).toEqual([]);
    expect((await getClinicView(p.db, CLINIC_A))?.metrics.clients).toBe(6);
  });

  it('re-derives a clinic at the next run when its zone changes, with no new event, as a full rebuild would', async () => {
    clock.advance(60_000);
    await run();
    const before = await getClinicView(p.db, CLINIC_A);
    await updateClinic(CLINIC_A, { timeZone: 'Pacific/Kiritimati', researchConsent: true });
    clock.advance(60_000);
    const report = await run();
    expect(report).toMatchObject({ clinics: 1, clinicsRun: 1, eventsRead: 0 });
    expect(report.clientsDerived).toBe(before!.metrics.clients);
    const after = await getClinicView(p.db, CLINIC_A);
    expect(after!.timeZone).toBe('Pacific/Kiritimati');

    const incremental = figuresOf(await metricSnapshot(p.db));
    await resetAggregates(p.db);
    await runAggregation(p.db, { now: clock.now(), settleMs: 0, overlapMs: 0, full: true });
    expect(incremental).toEqual(figuresOf(await metricSnapshot(p.db)));
  });

  it('a change of research consent alone takes the clinic into the next run', async () => {
    clock.advance(60_000);
    await run();
    await updateClinic(CLINIC_B, { timeZone: 'America/Chicago', researchConsent: true });
    clock.advance(60_000);
    expect(await run()).toMatchObject({ clinics: 1, clinicsRun: 1, eventsRead: 0 });
  });
});

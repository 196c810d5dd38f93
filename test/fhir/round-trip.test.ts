// Issue 12's bar: the documented example Bundles, ingested through POST /fhir/r4, give exactly the
// figures of the equivalent native events (written here by hand from docs/fhir-mapping.md, not by
// the mapping code), after a real aggregation on dynalite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_A, CLINIC_B, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { fakeClock } from '../support/fake-clock.js';
import { metricSnapshot } from '../support/metric-snapshot.js';
import { ingest } from '../support/synthetic-ingest.js';
import { runAggregation } from '../../functions/aggregation/run-aggregation.js';
import type { EventInput } from '../../functions/events/schema.js';
import { exampleBundle, postBundle, renumbered } from './fhir-requests.js';

const clock = fakeClock('2026-11-20T12:00:00.000Z');
const CLIENTS = ['a', 'b', 'c'];
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ now: clock.now });
});
afterAll(() => p.close());

/** What docs/fhir-mapping.md says the example Bundles mean, for one renumbered client. */
function nativeEvents(suffix: string): EventInput[] {
  const base = { clinicId: CLINIC_B, clientId: `p-20417-${suffix}`, counselorId: 'riverside.co001' };
  let n = 0;
  const e = (event: Record<string, unknown>) => ({ ...base, id: `native-${suffix}-${n++}`, ...event }) as EventInput;
  const session = (occurredAt: string, status: string, modality: string, sessionId: string) =>
    e({ type: 'session.recorded', occurredAt, sessionId: `${sessionId}-${suffix}`, status, modality });
  return [
    e({ type: 'client.enrolled', occurredAt: '2026-09-01T09:00:00-04:00', birthYear: 1984, gender: 'female', primarySubstance: 'alcohol', referral: 'self' }),
    session('2026-09-01T10:00:00-04:00', 'attended', 'individual', 'enc-1'),
    session('2026-09-15T10:00:00-04:00', 'attended', 'telehealth', 'enc-2'),
    session('2026-09-29T10:00:00-04:00', 'no_show', 'individual', 'enc-3'),
    session('2026-10-06T17:30:00-04:00', 'attended', 'group', 'enc-4'),
    session('2026-10-20T10:00:00-04:00', 'attended', 'individual', 'enc-5'),
    session('2026-11-03T10:00:00-05:00', 'attended', 'individual', 'enc-6'),
    // A FHIR date (Goal.startDate, Goal.statusDate) is noon in the clinic's zone.
    e({ type: 'goal.set', occurredAt: '2026-09-01T12:00:00-04:00', goalId: `goal-alcohol-${suffix}`, mode: 'collaborative', domain: 'substance_use', weight: 3 }),
    e({ type: 'goal.set', occurredAt: '2026-09-15T12:00:00-04:00', goalId: `goal-housing-${suffix}`, mode: 'directive', domain: 'housing', weight: 1 }),
    e({ type: 'goal.reviewed', occurredAt: '2026-09-01T12:30:00-04:00', goalId: `goal-alcohol-${suffix}`, level: -1 }),
    e({ type: 'goal.reviewed', occurredAt: '2026-10-06T18:30:00-04:00', goalId: `goal-alcohol-${suffix}`, level: 0 }),
    e({ type: 'measure.recorded', occurredAt: '2026-09-01T10:05:00-04:00', instrument: 'ORS', items: [4.5, 3.8, 5.0, 4.1] }),
    e({ type: 'measure.recorded', occurredAt: '2026-09-01T10:50:00-04:00', instrument: 'SRS', items: [9.1, 8.7, 9.4, 8.2] }),
    e({ type: 'measure.recorded', occurredAt: '2026-09-15T10:55:00-04:00', instrument: 'WAI-SR', items: [4, 4, 5, 3, 4, 4, 5, 4, 4, 4, 5, 3] }),
    e({ type: 'measure.recorded', occurredAt: '2026-11-03T10:05:00-05:00', instrument: 'ORS', items: [6.8, 6.1, 7.2, 6.5] }),
    e({ type: 'measure.recorded', occurredAt: '2026-11-03T10:50:00-05:00', instrument: 'SRS', items: [9.5, 9.2, 9.6, 9.0] }),
    e({ type: 'goal.closed', occurredAt: '2026-11-03T12:00:00-05:00', goalId: `goal-alcohol-${suffix}`, outcome: 'achieved', level: 1 }),
    e({ type: 'goal.closed', occurredAt: '2026-11-03T12:00:00-05:00', goalId: `goal-housing-${suffix}`, outcome: 'abandoned' }),
    e({ type: 'client.discharged', occurredAt: '2026-11-10T16:00:00-05:00', reason: 'completed' }),
  ];
}

/**
 * One clinic's stored figures, with the clinic id and as-of times taken out so two clinics
 * compare. Per-client items also keep the client's raw events, whose ids differ by design.
 */
function clinicViews(snapshot: Record<string, unknown>, clinicId: string) {
  const views = Object.entries(snapshot).filter(([key]) => key.startsWith(`METRICS#${clinicId}|`));
  return JSON.parse(JSON.stringify(Object.fromEntries(views)).replaceAll(clinicId, 'CLINIC'), (key, v) => (key === 'asOf' || key === 'events' ? undefined : v));
}

describe('FHIR round trip', () => {
  it('the example Bundles give the same clinic and counselor figures as the equivalent native events', async () => {
    for (const suffix of CLIENTS) {
      for (const name of ['intake-transaction', 'follow-up-batch'] as const) {
        const res = await postBundle(p.app, p.ingestKeys[CLINIC_A], renumbered(exampleBundle(name), suffix));
        expect(res.status).toBe(200);
        const statuses = (await res.json()).entry.map((x: { response: { status: string } }) => x.response.status);
        expect(statuses.every((s: string) => s === '201 Created')).toBe(true);
      }
    }
    await ingest(p, new Map([[CLINIC_B, p.ingestKeys[CLINIC_B]!]]), CLIENTS.flatMap(nativeEvents));
    clock.advance(60_000);
    const report = await runAggregation(p.db, { now: clock.now(), settleMs: 0, overlapMs: 0 });
    expect(report.status).toBe('completed');

    const snapshot = await metricSnapshot(p.db);
    const fromFhir = clinicViews(snapshot, CLINIC_A);
    const fromNative = clinicViews(snapshot, CLINIC_B);
    expect(Object.keys(fromFhir)).toEqual(expect.arrayContaining(['METRICS#CLINIC|CLINIC', 'METRICS#CLINIC|PARTIAL#riverside.co001']));
    expect(fromFhir).toEqual(fromNative);
    // The figures are not empty: three clients, each with five attended sessions and one no-show.
    const clinicView = JSON.stringify(fromFhir['METRICS#CLINIC|CLINIC']);
    expect(clinicView).toContain('"clients":3,');
    expect(clinicView).toContain('"attended":15,"noShow":3');
    expect(p.unexpectedErrors).toEqual([]);
  }, 60_000);
});

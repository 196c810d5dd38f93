import { describe, expect, it } from 'vitest';
import { clinicMetrics, clinicMetricsOf } from '../../functions/metrics/clinic-metrics.js';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import { comparisonCountsOf } from '../../functions/metrics/comparison.js';
import { groupPartialOf, mergeGroupPartials } from '../../functions/metrics/group-partial.js';
import { clinic } from './clinic-fixture.js';
import { enrolled, goalSet, session } from './event-builders.js';

describe('group partials', () => {
  it('merging leaves its arguments as they were', () => {
    const a = groupPartialOf(clinic.slice(0, 2));
    const b = groupPartialOf(clinic.slice(2));
    const [before, beforeB] = [JSON.stringify(a), JSON.stringify(b)];
    const merged = mergeGroupPartials([a, b]);
    mergeGroupPartials([merged, a]);
    expect([JSON.stringify(a), JSON.stringify(b)]).toEqual([before, beforeB]);
    expect(clinicMetricsOf(merged)).toEqual(clinicMetrics(clinic));
  });

  it('no partials merge to the empty group', () => {
    expect(clinicMetricsOf(mergeGroupPartials([]))).toEqual(clinicMetrics([]));
  });

  it('the network count row of the fixture clinic: attainment 1/2 vs 1/1 goals, 90-day retention 1/2 vs 0/1 episodes', () => {
    expect(comparisonCountsOf(groupPartialOf(clinic))).toEqual({
      attainment: { collaborative: { events: 1, n: 2 }, directive: { events: 1, n: 1 } },
      retention90: { collaborative: { events: 1, n: 2 }, directive: { events: 0, n: 1 } },
    });
  });

  it('a counselor id of "__proto__" is a key like any other, through JSON and merges', () => {
    const who = { clientId: 'x', counselorId: '__proto__' };
    const summary = summarizeClient(
      [enrolled('2025-01-01T10:00:00Z', who), session('2025-01-01T10:00:00Z', 'attended', who), goalSet('2025-01-01T10:00:00Z', 'g', 'directive', 1, who)],
      { asOf: '2025-06-01T00:00:00Z', timeZone: 'UTC' },
    );
    const stored = JSON.parse(JSON.stringify(groupPartialOf([summary])));
    const merged = mergeGroupPartials([stored, groupPartialOf(clinic)]);
    expect(Object.getPrototypeOf(merged.counselors)).toBe(Object.prototype);
    expect(clinicMetricsOf(merged).counselors.map((c) => c.counselorId)).toEqual(['__proto__', 'c1', 'c2']);
    expect(clinicMetricsOf(merged)).toEqual(clinicMetrics([summary, ...clinic]));
  });
});

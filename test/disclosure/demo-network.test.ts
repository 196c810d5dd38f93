// The disclosure audit on the demo network (SPEC §7): its clinics' real comparison counts, research
// consent off for one clinic, and a director of two clinics; every primary-suppressed figure of
// both figures keeps 0 and 11 feasible for an outsider and for every director scope.
import { describe, expect, it } from 'vitest';
import { auditDisclosure, networkDisclosureProblem } from '../../functions/disclosure/index.js';
import type { Event } from '../../functions/events/schema.js';
import { comparisonCounts, networkComparison, summarizeClient } from '../../functions/metrics/index.js';
import { DEMO_AS_OF, demoNetwork } from '../synthetic/demo-network.js';
import { auditInputs, smallPublished } from './network-fixtures.js';

describe('the disclosure audit on the demo network', () => {
  it('finds no suppressed figure an attacker can narrow below [0, 11]', { timeout: 240_000 }, async () => {
    const clinics = demoNetwork.clinics.map((clinic, i) => {
      const byClient = new Map<string, Event[]>();
      for (const e of demoNetwork.events) if (e.clinicId === clinic.clinicId) byClient.set(e.clientId, [...(byClient.get(e.clientId) ?? []), e as Event]);
      const summaries = [...byClient.values()].map((events) => summarizeClient(events, { asOf: DEMO_AS_OF, timeZone: clinic.timeZone }));
      return { clinicId: clinic.clinicId, consenting: i !== 2, counts: comparisonCounts(summaries) };
    });
    const scopes = [clinics.slice(0, 2).map((c) => c.clinicId)];
    const comparison = await networkComparison(clinics, { scopes });
    let suppressed = 0;
    let audited = 0;
    for (const figure of ['attainment', 'retention90'] as const) {
      const { rows, pattern } = auditInputs(clinics, comparison, figure);
      suppressed += pattern.hiddenCells.flat().filter(Boolean).length;
      expect(smallPublished(rows, pattern)).toEqual([]);
      const report = await auditDisclosure(networkDisclosureProblem(rows, pattern, scopes));
      audited += report.intervals.length;
      expect(report.violations).toEqual([]);
    }
    // The demo's small clinics must exercise suppression, or the audit proves nothing.
    expect(suppressed).toBeGreaterThan(0);
    expect(audited).toBeGreaterThan(0);
  });
});

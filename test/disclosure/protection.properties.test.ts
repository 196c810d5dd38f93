// Property: on random networks with many small cells, partial research consent and directors of
// several clinics, the suppression publishes no count of 1–10 and the audit (LP over every
// published relation of both populations, for an outsider and every director scope) finds every
// primary-suppressed figure's feasible interval containing 0 and 11.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectNetwork, type NetworkRow } from '../../functions/disclosure/index.js';
import { smallPublished, violations } from './network-fixtures.js';

const count = fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 10 }), weight: 3 }, { arbitrary: fc.integer({ min: 11, max: 80 }), weight: 3 });

const networks = fc
  .array(fc.record({ cells: fc.tuple(count, count, count, count), consenting: fc.boolean() }), { minLength: 2, maxLength: 9 })
  .chain((clinics) => {
    const rows: NetworkRow[] = clinics.map((c, i) => ({ clinicId: `k${i}`, consenting: c.consenting, cells: c.cells }));
    const ids = rows.map((r) => r.clinicId);
    const scope = fc.subarray(ids, { minLength: 2, maxLength: Math.max(2, ids.length - 1) });
    return fc.record({ rows: fc.constant(rows), scopes: fc.array(scope, { maxLength: 3 }) });
  });

describe('network suppression (property)', () => {
  it('publishes no 1–10 count, and every primary figure keeps 0 and 11 feasible for every attacker', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(networks, async ({ rows, scopes }) => {
        const pattern = await protectNetwork(rows, { scopes, blockSize: 4 });
        expect(smallPublished(rows, pattern)).toEqual([]);
        expect(await violations(rows, pattern, scopes)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});

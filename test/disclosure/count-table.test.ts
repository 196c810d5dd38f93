// The count-table protection behind the research export's `aggregate` profile: whatever it
// publishes passes the LP audit (every primary cell's feasible interval contains 0 and 11), and
// hidden entries are never told apart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditDisclosure } from '../../functions/disclosure/audit.js';
import { countTableDisclosureProblem, protectCountTable, suppressCountTable } from '../../functions/disclosure/count-table.js';

describe('protectCountTable', () => {
  it('widens a pattern that merely makes a small cell unrecoverable until it is protected', async () => {
    // Bridge-closing alone hides 3 and its row and column partners, but the totals then pin the 3
    // between bounds narrower than 0–11; the LP audit says so and the protection hides more.
    const cells = [
      [3, 40, 50],
      [60, 70, 80],
      [90, 100, 110],
    ];
    const plain = suppressCountTable(cells, 3);
    const before = await auditDisclosure(countTableDisclosureProblem(plain));
    const table = await protectCountTable(cells, 3);
    expect(table.protected).toBe(true);
    expect(table.suppressedCount).toBeGreaterThanOrEqual(plain.suppressedCount);
    expect((await auditDisclosure(countTableDisclosureProblem(table))).violations).toEqual([]);
    expect(table.cells[0]![0]).toEqual({ count: null, suppressed: true });
    // The audit of the plain pattern is what drove the widening (or it was already protected).
    if (before.violations.length > 0) expect(table.suppressedCount).toBeGreaterThan(plain.suppressedCount);
  });

  it('publishes only patterns that pass the audit, on random tables with many small cells', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((rows) => fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 11, max: 200 })), { minLength: 4, maxLength: 4 }), { minLength: rows, maxLength: rows })),
        async (cells) => {
          const table = await protectCountTable(cells, 4);
          if (!table.protected) return;
          const { violations } = await auditDisclosure(countTableDisclosureProblem(table));
          expect(violations).toEqual([]);
          const shown = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.grandTotal];
          for (const entry of shown) {
            if (entry.suppressed) expect(entry).toEqual({ count: null, suppressed: true });
            else expect(entry.count < 1 || entry.count > 10).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

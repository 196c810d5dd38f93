import { describe, expect, it } from 'vitest';
import { auditDisclosure, type NetworkPattern, networkDisclosureProblem } from '../../functions/disclosure/index.js';
import { row } from './network-fixtures.js';

// Two clinics; p.a = 5 is small. Hiding the 2×2 block a, b of both rows leaves, with row and
// column totals published: p.a + p.b = 35, q.a + q.b = 60, p.a + q.a = 45, p.b + q.b = 50.
const rows = [row('p', [5, 30, 20, 60]), row('q', [40, 20, 20, 12])];
const block: NetworkPattern = {
  hiddenCells: [
    [true, true, false, false],
    [true, true, false, false],
  ],
  hiddenTotals: [false, false],
  networkPublished: { all: true, research: true },
};

describe('auditDisclosure', () => {
  it('gives the exact feasible interval of a hidden cell against an outsider', async () => {
    const report = await auditDisclosure(networkDisclosureProblem(rows, block));
    // Hand-solved: p.a = t, p.b = 35 − t, q.a = 45 − t, q.b = 15 + t, all ≥ 0 → t ∈ [0, 35].
    expect(report.intervals.find((i) => i.target === 'p.a' && i.attacker === 'every published view')).toEqual({
      target: 'p.a',
      attacker: 'every published view',
      value: 5,
      lower: 0,
      upper: 35,
      known: 0,
    });
  });

  it('flags the cell a director of the other clinic can solve for', async () => {
    const report = await auditDisclosure(networkDisclosureProblem(rows, block));
    // Knowing q's cells, p.a = 45 − 40 = 5 exactly.
    expect(report.violations).toEqual([{ target: 'p.a', attacker: 'director of q', value: 5, lower: 5, upper: 5, known: 0 }]);
  });

  it('flags a lone hidden cell, and a hidden total recomputed from its row', async () => {
    const lone: NetworkPattern = { ...block, hiddenCells: [[true, false, false, false], [false, false, false, false]] };
    const report = await auditDisclosure(networkDisclosureProblem(rows, lone));
    expect(report.violations.filter((v) => v.attacker === 'every published view')).toEqual([{ target: 'p.a', attacker: 'every published view', value: 5, lower: 5, upper: 5, known: 0 }]);
    const smallRow = [row('p', [3, 0, 4, 0]), row('q', [40, 20, 20, 12]), row('r', [30, 30, 30, 30])];
    const totalHidden: NetworkPattern = { hiddenCells: [[true, false, true, false], [false, false, false, false], [false, false, false, false]], hiddenTotals: [true, false, false], networkPublished: { all: true, research: false } };
    const small = await auditDisclosure(networkDisclosureProblem(smallRow, totalHidden));
    expect(small.violations.map((v) => v.target)).toEqual(expect.arrayContaining(['p.a', 'p.c', 'p.total']));
  });

  it('sees the research totals too: the non-consenting clinic is their difference', async () => {
    const mixed = [row('p', [5, 30, 20, 60], false), row('q', [40, 20, 20, 12]), row('r', [30, 25, 26, 33])];
    const pattern: NetworkPattern = {
      hiddenCells: [[true, true, false, false], [true, true, false, false], [false, false, false, false]],
      hiddenTotals: [false, false, false],
      networkPublished: { all: true, research: true },
    };
    const report = await auditDisclosure(networkDisclosureProblem(mixed, pattern));
    // all.a − research.a = p.a: pinned for everyone, although the all-clinics view alone hides it.
    expect(report.violations).toContainEqual({ target: 'p.a', attacker: 'every published view', value: 5, lower: 5, upper: 5, known: 0 });
    const allOnly = await auditDisclosure(networkDisclosureProblem(mixed, { ...pattern, networkPublished: { all: true, research: false } }));
    expect(allOnly.violations.filter((v) => v.attacker === 'every published view')).toEqual([]);
  });
});

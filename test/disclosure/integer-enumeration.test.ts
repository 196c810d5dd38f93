// The published odds ratios are nonlinear equations in the hidden cells. On small populations,
// every integer table an attacker cannot tell apart by the linear relations is enumerated, and
// kept only if it reproduces every published estimate (both populations, stratified and crude, at
// the published precision, reasons included): no primary-suppressed figure may be left with one
// value. The precision is the one the network comparison chose for these populations.
import { describe, expect, it } from 'vitest';
import { integerSolutions, networkDisclosureProblem, type NetworkPattern, type NetworkRow, POPULATIONS, inPopulation } from '../../functions/disclosure/index.js';
import { networkComparison, publishedEstimates } from '../../functions/metrics/network-comparison.js';
import { row } from './network-fixtures.js';

const NONE = { events: 0, n: 0 };

/** The network comparison of these attainment tables, and the pattern its breakdown shows. */
async function published(rows: readonly NetworkRow[], scopes: string[][]) {
  const clinics = rows.map(({ clinicId, consenting, cells: [a, b, c, d] }) => ({
    clinicId,
    consenting,
    counts: { attainment: { collaborative: { events: a, n: a + b }, directive: { events: c, n: c + d } }, retention90: { collaborative: NONE, directive: NONE } },
  }));
  const comparison = await networkComparison(clinics, { scopes });
  const lines = comparison.breakdown.map((r) => r.lines.attainment);
  const figures = comparison.populations;
  const pattern: NetworkPattern = {
    hiddenCells: lines.map((l) => l.slice(0, 4).map((v) => v === null)),
    hiddenTotals: lines.map((l) => l[4] === null),
    networkPublished: { all: figures.all.figures.attainment.network !== null, research: figures.research.figures.attainment.network !== null },
  };
  return { pattern, decimals: figures.all.figures.attainment.decimals, withheld: { all: figures.all.figures.attainment.networkWithheld, research: figures.research.figures.attainment.networkWithheld } };
}

const populations: { name: string; rows: NetworkRow[]; scopes: string[][] }[] = [
  {
    name: 'four clinics, two small cells, one clinic without consent',
    rows: [row('p', [3, 14, 12, 20]), row('q', [15, 12, 4, 18]), row('r', [20, 16, 14, 11]), row('s', [13, 18, 16, 12], false)],
    scopes: [],
  },
  {
    name: 'five clinics, a director of two',
    rows: [row('p', [2, 15, 13, 12]), row('q', [14, 12, 11, 16]), row('r', [12, 5, 14, 13]), row('s', [16, 12, 12, 15]), row('t', [11, 13, 15, 12])],
    scopes: [['q', 's']],
  },
];

describe('published odds ratios do not pin a suppressed figure (integer enumeration)', () => {
  it.each(populations)('$name', { timeout: 120_000 }, async ({ rows, scopes }) => {
    const { pattern, decimals, withheld } = await published(rows, scopes);
    const problem = networkDisclosureProblem(rows, pattern, scopes);
    expect(problem.targets.length).toBeGreaterThan(0);
    const estimates = (table: readonly NetworkRow[]) =>
      JSON.stringify(POPULATIONS.map((p) => publishedEstimates(table.filter((r) => inPopulation(r, p)).map(({ cells: [a, b, c, d] }) => ({ a, b, c, d })), withheld[p], decimals)));
    const truth = estimates(rows);
    // Where each hidden variable sits in the table.
    const at = rows.flatMap((r, k) => r.cells.flatMap((_, j) => (pattern.hiddenCells[k]![j] ? [[k, j] as const] : [])));
    for (const attacker of problem.attackers) {
      const values = new Map(problem.targets.map((t) => [t.name, new Set<number>()]));
      let consistent = 0;
      for (const solution of integerSolutions(problem, attacker)) {
        const table = rows.map((r) => ({ ...r, cells: [...r.cells] as [number, number, number, number] }));
        at.forEach(([k, j], v) => {
          table[k]!.cells[j] = solution[v]!;
        });
        if (estimates(table) !== truth) continue;
        consistent += 1;
        for (const t of problem.targets) values.get(t.name)!.add(t.offset + t.terms.reduce((s, term) => s + term.coefficient * solution[term.variable]!, 0));
      }
      expect(consistent, attacker.name).toBeGreaterThan(1);
      for (const t of problem.targets) {
        if (t.terms.every((term) => attacker.knows.includes(term.variable))) continue;
        expect(values.get(t.name)!.has(t.value), `${attacker.name}: ${t.name} true value`).toBe(true);
        expect(values.get(t.name)!.size, `${attacker.name}: ${t.name} pinned`).toBeGreaterThan(1);
      }
    }
  });
});

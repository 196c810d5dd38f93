// Statistical disclosure control for figures that leave a clinic (SPEC §7). Pure: no store, no API.
//
// Three parts, usable apart:
//
// 1. The audit — for any published tables, not only the network comparison (the research export's
//    `aggregate` profile reuses it):
//      const problem = { variables, relations, targets, attackers };  (DisclosureProblem, audit.ts)
//        variables  every hidden entry, with its true value;
//        relations  every published linear relation over hidden entries (Σ coefficient·x = value,
//                   published entries already moved into `value`) — of every audience's view at once;
//        targets    the primary-suppressed figures (a cell, or a hidden total as a sum of cells);
//        attackers  what each attacker knows exactly (e.g. every clinic of one director's token).
//      await auditDisclosure(problem) → { intervals, violations }: each target's feasible interval
//        [min, max] per attacker by linear programming (HiGHS); a violation is an interval that does
//        not contain both 0 and 11 (the protection rule).
//      integerSolutions(problem, attacker) → every integer solution of a small problem, to check that
//        published nonlinear figures (odds ratios, intervals) don't pin a hidden entry either.
//    networkDisclosureProblem(rows, pattern, scopes) builds the problem of the network table.
//
// 2. The suppression of the network table: protectNetwork(rows, { scopes }) → which cells, row
//    totals and network rows to hide, complementary cells chosen to hide as few entries as possible:
//    by a HiGHS MIP per block of clinics within a time budget, from a greedy pattern of the same
//    moves, or the greedy pattern of a whole consent class where that hides fewer (protect-network.ts
//    explains the decomposition). It also returns each primary cell's open moves, with which
//    nonlinearFiguresKeepCellsOpen(rows, protection, fingerprint) checks that published nonlinear
//    figures at a given precision leave every primary cell a second, indistinguishable value.
//
// 3. Other published count tables (the research export's `aggregate` profile):
//    protectCountTable(cells, columns) hides 1–10 and complementary entries of a table with its
//    totals until the LP audit finds every primary cell protected (or says it cannot be).
//
// Director scopes: the threat model's attacker knows every clinic of one director's token. Every
// clinic alone is always protected against; multi-clinic scopes are passed in `scopes` (the
// platform registers them on first read, store/director-scopes.ts, and protects from the next run).
export { auditDisclosure } from './audit.js';
export { integerSolutions } from './integer-solutions.js';
export { type NetworkPattern, type NetworkRow, type Population, POPULATIONS, networkDisclosureProblem, networkTotals, inPopulation, sum } from './network-table.js';
export { protectNetwork, type ProtectionOptions } from './protect-network.js';
export { type CellChange, nonlinearFiguresKeepCellsOpen } from './nonlinear-check.js';
export { isSmallCount } from './small-count.js';
export { protectCountTable, type SuppressedCountTable } from './count-table.js';

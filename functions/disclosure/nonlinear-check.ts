// Published nonlinear figures (odds ratios and their bounds) must not pin a suppressed cell (SPEC
// §7). Every move of a primary cell that the pattern leaves open keeps every linear relation; if
// some such move, by a step of 1 or 2, also leaves every published nonlinear figure unchanged (at
// its published precision), there is a second integer table the attacker cannot tell from the true
// one, differing in that cell. Checked for every scope the cell must be protected against.
import type { NetworkRow } from './network-table.js';
import type { Move, NetworkProtection } from './protect-network.js';

const STEPS = [1, -1, 2, -2];

/** A change of one cell: `delta` added at (row, column). */
export type CellChange = { row: number; column: number; delta: number };

/**
 * Whether every primary cell has, for each of its scopes, an open move that leaves
 * `fingerprint(changes)` (the published nonlinear figures of the table with those changes, as one
 * string) equal to `fingerprint([])`. The callback sees only the few changed cells, so it can update
 * its sums instead of refolding the table.
 */
export function nonlinearFiguresKeepCellsOpen(rows: readonly NetworkRow[], protection: Pick<NetworkProtection, 'primaries'>, fingerprint: (changes: readonly CellChange[]) => string): boolean {
  const truth = fingerprint([]);
  const unseen = new Map<Move, boolean>();
  const value = (k: number, j: number) => rows[k]!.cells[j]!;
  const keeps = (move: Move) => {
    const known = unseen.get(move);
    if (known !== undefined) return known;
    const result = STEPS.some((step) => {
      if (move.minus.some(([k, j]) => value(k, j) < step) || move.plus.some(([k, j]) => value(k, j) < -step)) return false;
      const changes = [...move.plus.map(([row, column]) => ({ row, column, delta: step })), ...move.minus.map(([row, column]) => ({ row, column, delta: -step }))];
      return fingerprint(changes) === truth;
    });
    unseen.set(move, result);
    return result;
  };
  return protection.primaries.every((p) => p.scopes.every((scope) => p.moves.some((m) => (m.partner === null || !scope.includes(m.partner)) && keeps(m))));
}

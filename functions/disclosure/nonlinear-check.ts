// Published nonlinear figures (odds ratios and their bounds) must not pin a suppressed cell (SPEC
// §7). Every move of a primary cell that the pattern leaves open keeps every linear relation; if
// some such move, by a step of 1 or 2, also leaves every published nonlinear figure unchanged (at
// its published precision), there is a second integer table the attacker cannot tell from the true
// one, differing in that cell. Checked for every scope the cell must be protected against.
import type { NetworkRow } from './network-table.js';
import type { Move, NetworkProtection } from './protect-network.js';

const STEPS = [1, -1, 2, -2];

/**
 * Whether every primary cell has, for each of its scopes, an open move that leaves
 * `fingerprint(cells)` (the published nonlinear figures, as one string) unchanged.
 * `cells` is the table's cells; it is changed in place during the check and restored.
 */
export function nonlinearFiguresKeepCellsOpen(rows: readonly NetworkRow[], protection: Pick<NetworkProtection, 'primaries'>, fingerprint: (cells: readonly (readonly number[])[]) => string): boolean {
  const cells = rows.map((r) => [...r.cells]);
  const truth = fingerprint(cells);
  const unseen = new Map<Move, boolean>();
  const keeps = (move: Move) => {
    const known = unseen.get(move);
    if (known !== undefined) return known;
    const result = STEPS.some((step) => {
      if (move.minus.some(([k, j]) => cells[k]![j]! < step) || move.plus.some(([k, j]) => cells[k]![j]! < -step)) return false;
      const apply = (sign: number) => {
        for (const [k, j] of move.plus) cells[k]![j]! += sign * step;
        for (const [k, j] of move.minus) cells[k]![j]! -= sign * step;
      };
      apply(1);
      const same = fingerprint(cells) === truth;
      apply(-1);
      return same;
    });
    unseen.set(move, result);
    return result;
  };
  return protection.primaries.every((p) => p.scopes.every((scope) => p.moves.some((m) => (m.partner === null || !scope.includes(m.partner)) && keeps(m))));
}

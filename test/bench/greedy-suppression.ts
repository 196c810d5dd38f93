// The simple greedy baseline for the network suppression benchmark: the same protection moves
// (functions/disclosure/protection-options.ts) chosen greedily (greedy-pattern.ts) over whole consent
// classes, without the MIP.
import type { NetworkRow, Population } from '../../functions/disclosure/index.js';
import { greedyPattern, hiddenEntries } from '../../functions/disclosure/greedy-pattern.js';
import { blockProtection } from '../../functions/disclosure/protection-options.js';

/** Entries (cells and row totals) the greedy pattern hides, for the network rows a plan publishes. */
export function greedyHiddenCount(rows: readonly NetworkRow[], published: Record<Population, boolean>, scopes: readonly (readonly string[])[]): number {
  const classes = published.research ? [rows.filter((r) => r.consenting), rows.filter((r) => !r.consenting)] : [rows];
  let hidden = 0;
  for (const members of classes.filter((c) => c.length > 0)) {
    const position = new Map(members.map((r, k) => [r.clinicId, k]));
    const columnsPublished = (published.all || published.research) && (published.all || members[0]!.consenting);
    const block = { rows: members, columnsPublished, scopes: scopes.map((s) => s.flatMap((id) => (position.has(id) ? [position.get(id)!] : []))).filter((s) => s.length > 0) };
    hidden += hiddenEntries(greedyPattern(block, blockProtection(block)));
  }
  return hidden;
}

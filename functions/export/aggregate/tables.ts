// The aggregate profile's metric tables (SPEC §3 figures per clinic, collaborative vs directive),
// published under the network benchmark's cell suppression (SPEC §7). Each table is a clinics ×
// cells count array; the file is its long form, with the clinic totals, the cell totals over all
// clinics and the grand total beside the cells.
import type { TableSpec } from '../table-spec.js';

export interface AggregateTable {
  name: string;
  description: string;
  /** The counted unit, for the 1–10 rule (clients, episodes or goals). */
  unit: string;
  cells: readonly { mode: string; outcome: string }[];
}

const byModeAndOutcome = (yes: string, no: string, modes = ['collaborative', 'directive']) =>
  modes.flatMap((mode) => [
    { mode, outcome: yes },
    { mode, outcome: no },
  ]);

// No two published tables share a margin: a table whose cells summed to another's (say, episodes
// by mode beside dropout by mode) would let a suppressed cell be recomputed across the two, which
// suppression of one table at a time cannot see. Episodes by mode are therefore the dropout
// table's mode totals. Goal attainment and 90-day retention by clinic and mode are not here: the
// network comparison's research view already publishes them (GET /v1/network/comparison), under the
// one pattern chosen jointly for every audience (functions/disclosure/protect-network.ts). A second,
// separately suppressed copy of the same counts could undo it: the two patterns combined would
// narrow a cell that each alone protects (the threat model of SPEC §7 holds every published view).
export const aggregateTables: readonly AggregateTable[] = [
  {
    name: 'dropout',
    description: 'Episodes by mode (all four), dropped out (discharged dropped_out or 60 days without attendance) or not (SPEC §3); its mode totals are the episodes by mode.',
    unit: 'episodes',
    cells: byModeAndOutcome('dropped_out', 'not_dropped_out', ['collaborative', 'directive', 'mixed', 'none']),
  },
];

export const ALL = 'all';

/** The file layout shared by every aggregate table. */
export const aggregateTableSpec = (table: AggregateTable): TableSpec => ({
  name: table.name,
  description: table.description,
  columns: [
    { name: 'clinic_code', type: 'string', derivation: `Random per export (C + 8 letters); "${ALL}" for the total over all clinics.` },
    { name: 'mode', type: 'string', values: [...new Set(table.cells.map((c) => c.mode)), ALL], derivation: `Goal-setting mode; "${ALL}" for the clinic total.` },
    { name: 'outcome', type: 'string', values: [...new Set(table.cells.map((c) => c.outcome)), ALL], derivation: `What is counted; "${ALL}" for the total.` },
    { name: 'count', type: 'integer', unit: table.unit, derivation: 'The count; empty when suppressed.' },
    {
      name: 'status',
      type: 'string',
      values: ['published', 'suppressed'],
      derivation: 'suppressed: a count of 1–10, or a complementary cell hidden so that no suppressed count can be recomputed from the totals (SPEC §7). The two are never told apart.',
    },
  ],
});

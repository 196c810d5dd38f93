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

const byModeAndOutcome = (yes: string, no: string) =>
  ['collaborative', 'directive'].flatMap((mode) => [
    { mode, outcome: yes },
    { mode, outcome: no },
  ]);

export const aggregateTables: readonly AggregateTable[] = [
  {
    name: 'episodes_by_mode',
    description: 'Episodes of care by the goal-setting mode of the goals set during them (SPEC §3).',
    unit: 'episodes',
    cells: ['collaborative', 'directive', 'mixed', 'none'].map((mode) => ({ mode, outcome: 'episodes' })),
  },
  {
    name: 'goal_attainment',
    description: 'Closed goals by mode, achieved or not (goal attainment rate = achieved ÷ closed, SPEC §3).',
    unit: 'goals',
    cells: byModeAndOutcome('achieved', 'not_achieved'),
  },
  {
    name: 'retention_90',
    description: 'Episodes eligible for 90-day retention (start ≤ T − 90 days) by episode mode, retained or not (SPEC §3).',
    unit: 'episodes',
    cells: byModeAndOutcome('retained', 'not_retained'),
  },
  {
    name: 'dropout',
    description: 'Episodes by mode, dropped out (discharged dropped_out or 60 days without attendance) or not (SPEC §3).',
    unit: 'episodes',
    cells: byModeAndOutcome('dropped_out', 'not_dropped_out'),
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

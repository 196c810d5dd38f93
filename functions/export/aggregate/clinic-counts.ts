// One clinic's unsuppressed counts for every aggregate table, from the same per-client rows as the
// safe_harbor profile (so both profiles count the same episodes and goals). They stay inside the
// platform: the finalizer suppresses them across clinics before anything is written.
import type { Row } from '../table-spec.js';
import type { ClientRows } from '../safe-harbor/client-rows.js';
import { aggregateTables } from './tables.js';

const countsOf = (rows: readonly Row[], cells: readonly { mode: string; outcome: string }[], outcomeOf: (row: Row) => string | null) => {
  const counts = cells.map(() => 0);
  for (const row of rows) {
    const outcome = outcomeOf(row);
    const i = cells.findIndex((c) => c.mode === row.mode && c.outcome === outcome);
    if (i >= 0) counts[i]! += 1;
  }
  return counts;
};

const OUTCOMES: Record<string, { rows: (c: ClientRows) => Row[]; outcome: (row: Row) => string | null }> = {
  dropout: { rows: (c) => c.episodes, outcome: (e) => (e.dropped_out ? 'dropped_out' : 'not_dropped_out') },
};

export function clinicCounts(clients: readonly ClientRows[]): Record<string, number[]> {
  return Object.fromEntries(
    aggregateTables.map((table) => {
      const how = OUTCOMES[table.name]!;
      return [table.name, countsOf(clients.flatMap(how.rows), table.cells, how.outcome)];
    }),
  );
}

// One clinic's part of a safe_harbor export: derive every client's rows, make the clinic's
// quasi-identifier classes k-anonymous, and write the five tables' part files. The clinic code is in
// every class, so no other clinic's records are needed (issue 10 §2).
import type { ExportFormat } from '../../store/export-jobs.js';
import type { ExportPartFile } from '../../store/export-parts.js';
import type { ClientState } from '../../store/client-states.js';
import { openTableFile } from '../formats/table-writer.js';
import { counselorCodes, newStudyId } from '../random-codes.js';
import type { ExportStorage } from '../storage/export-storage.js';
import type { Row } from '../table-spec.js';
import { exportFileKey } from '../export-plan.js';
import { anonymise } from './k-anonymity.js';
import { clientRows, type ClientRows } from './client-rows.js';
import { safeHarborTables } from './tables.js';

export interface ClinicPartInput {
  exportId: string;
  clinicCode: string;
  timeZone: string;
  asOf: string;
  startBetween?: { from?: number; to?: number };
  format: ExportFormat;
  states: AsyncIterable<ClientState[]>;
  storage: ExportStorage;
}

// Rows are handed to the encoders in batches of this size.
const BATCH = 5_000;

export async function writeSafeHarborPart(input: ClinicPartInput): Promise<{ files: ExportPartFile[]; suppression: Record<string, number> }> {
  const counselorCode = counselorCodes();
  const clients: ClientRows[] = [];
  for await (const page of input.states) {
    for (const state of page) {
      const rows = clientRows(state.events, { ...input, studyId: newStudyId(), counselorCode });
      if (rows) clients.push(rows);
    }
  }
  const { kept, counts } = anonymise(clients, (c) => c.quasiIdentifiers);
  const tableRows: Record<string, () => Iterable<Row>> = {
    clients: function* () {
      for (const { record, published } of kept) {
        yield {
          ...record.client,
          enrollment_year: published.enrollmentYear,
          age_band: published.ageBand,
          gender: published.gender,
          primary_substance: published.primarySubstance,
        };
      }
    },
    episodes: () => kept.flatMap((k) => k.record.episodes),
    goals: () => kept.flatMap((k) => k.record.goals),
    sessions: () => kept.flatMap((k) => k.record.sessions),
    measures: () => kept.flatMap((k) => k.record.measures),
  };
  const files: ExportPartFile[] = [];
  for (const table of safeHarborTables) {
    const path = `${table.name}/part-${input.clinicCode}.${input.format}`;
    const file = openTableFile(input.storage, exportFileKey(input.exportId, path), table, input.format);
    let batch: Row[] = [];
    for (const row of tableRows[table.name]!()) {
      batch.push(row);
      if (batch.length === BATCH) {
        await file.write(batch);
        batch = [];
      }
    }
    await file.write(batch);
    files.push({ ...(await file.close()), path });
  }
  return { files, suppression: { ...counts } };
}

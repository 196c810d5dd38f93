// The per-clinic worker: the same function runs in a Lambda per clinic (Step Functions Distributed
// Map) and in-process for `npm start` and the CLI. It streams the clinic's stored client states,
// writes its part files (safe_harbor) or records its counts (aggregate), and counts itself done.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getClinic } from '../store/clinics.js';
import { countClinicDone, getExportJob } from '../store/export-jobs.js';
import { putExportPart, type ExportPart } from '../store/export-parts.js';
import { localDayNumber } from '../metrics/clinic-calendar.js';
import { clinicCounts } from './aggregate/clinic-counts.js';
import { clinicClientStates } from './client-source.js';
import { readAhead } from './read-ahead.js';
import type { ClinicTask } from './export-plan.js';
import { clientRows, type ClientRows } from './safe-harbor/client-rows.js';
import { writeSafeHarborPart } from './safe-harbor/clinic-part.js';
import type { ExportStorage } from './storage/export-storage.js';

export interface ExportContext {
  db: DynamoDBDocumentClient;
  storage: ExportStorage;
  /** The clock of completion times (injected, so tests need not wait for real time). */
  now: () => Date;
}

const dayNumber = (date: string | undefined) => (date === undefined ? undefined : localDayNumber(`${date}T00:00:00Z`, 'UTC'));

export async function exportClinic({ db, storage }: ExportContext, task: ClinicTask): Promise<void> {
  const job = await getExportJob(db, task.owner, task.exportId);
  if (!job) throw new Error(`no export ${task.exportId}`);
  const clinic = await getClinic(db, task.clinicId);
  const base = { exportId: task.exportId, clinicCode: task.clinicCode, clinicId: task.clinicId, files: [], suppression: {} };
  let part: ExportPart;
  if (!clinic?.researchConsent) {
    // Consent withdrawn since the request: this clinic contributes nothing.
    part = { ...base, withheld: true };
  } else {
    const { parameters, asOf } = job;
    const input = {
      exportId: task.exportId,
      clinicCode: task.clinicCode,
      timeZone: clinic.timeZone,
      asOf,
      startBetween: { from: dayNumber(parameters.from), to: dayNumber(parameters.to) },
      states: readAhead(clinicClientStates(db, task.clinicId)),
    };
    if (parameters.profile === 'safe_harbor') {
      part = { ...base, withheld: false, ...(await writeSafeHarborPart({ ...input, format: parameters.format, storage })) };
    } else {
      // Study ids and codes are never written in this profile; the rows only feed the counts, which
      // are summed a page at a time.
      const anonymous = { ...input, studyId: '', counselorCode: () => '' };
      let counts: Record<string, number[]> = clinicCounts([]);
      for await (const page of input.states) {
        const clients = page.map((state) => clientRows(state.events, anonymous)).filter((r): r is ClientRows => r !== undefined);
        const pageCounts = clinicCounts(clients);
        counts = Object.fromEntries(Object.entries(counts).map(([table, cells]) => [table, cells.map((n, i) => n + pageCounts[table]![i]!)]));
      }
      part = { ...base, withheld: false, counts };
    }
  }
  // A retried worker replaces its part and must not count its clinic twice.
  if (await putExportPart(db, part)) await countClinicDone(db, task.owner, task.exportId);
}

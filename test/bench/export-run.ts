// One measured pass of `npm run bench:export`, in a fresh process so its peak RSS is its own:
//   MODE=read     the floor: stream every stored client state of every clinic, as the export does;
//   MODE=<format> a whole safe_harbor export (every clinic's worker, then the finalizer) to OUT.
// Prints one JSON line: { mode, ms, items, events, rows, peakRssMb }.
import { readFileSync } from 'node:fs';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { listClinics } from '../../functions/store/clinics.js';
import { clinicClientStates } from '../../functions/export/client-source.js';
import { requestExport } from '../../functions/export/request-export.js';
import { runExport } from '../../functions/export/run-export.js';
import { localExportStorage } from '../../functions/export/storage/local-storage.js';
import type { ExportFormat } from '../../functions/store/export-jobs.js';

const mode = process.env.MODE!;
const db = createDocumentClient(process.env.DYNAMODB_ENDPOINT);
const started = performance.now();
let items = 0;
let events = 0;
let rows = 0;
if (mode === 'read') {
  for (const clinic of await listClinics(db)) {
    for await (const page of clinicClientStates(db, clinic.clinicId)) {
      items += page.length;
      for (const state of page) events += state.events.length;
    }
  }
} else {
  const parameters = { purpose: 'research' as const, protocolRef: 'bench', profile: 'safe_harbor' as const, format: mode as ExportFormat };
  const { plan } = await requestExport(db, { owner: 'bench', role: 'researcher' }, parameters, new Date());
  const job = await runExport({ db, storage: localExportStorage(process.env.OUT!), now: () => new Date() }, plan);
  rows = Object.values(job.summary!.rows).reduce((s, n) => s + n, 0);
  items = job.summary!.rows.clients! + (job.summary!.suppression.suppressed ?? 0);
}
const ms = performance.now() - started;
// The peak resident set of this process: Linux's VmHWM, which starts afresh at exec. (getrusage's
// maxRSS does not: a child reports its parent's size at fork, the seeding process's here.)
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
console.log(JSON.stringify({ mode, ms, items, events, rows, peakRssMb: Number(hwm![1]) / 1024 }));
db.destroy();

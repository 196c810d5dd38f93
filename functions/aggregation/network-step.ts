// The network step of an aggregation run: once per run, after the clinic tasks, the network
// comparison is rebuilt from the clinic list and every clinic's count row (one small item each),
// so a change of research consent shows at the next run with or without new events, and its cost
// is one read per clinic whatever changed. Multi-clinic director scopes registered so far are
// protected against; a scope registered after the run's as-of time waits for the next run.
import { randomInt } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { comparisonCountsOf, networkComparison, type ClinicCounts } from '../metrics/index.js';
import { batchWriteAll } from '../store/batch-write.js';
import { clinicCountRows } from '../store/clinic-count-rows.js';
import { listClinics } from '../store/clinics.js';
import { directorScopes } from '../store/director-scopes.js';
import { networkViewItems } from '../store/network-view.js';

// A clinic with no count row yet (never aggregated) counts nothing.
const EMPTY = comparisonCountsOf({ counselors: {}, months: {} });

export async function aggregateNetwork(db: DynamoDBDocumentClient, options: { asOf: string }): Promise<void> {
  const [clinics, scopes] = await Promise.all([listClinics(db), directorScopes(db)]);
  const rows = await clinicCountRows(db, clinics.map((c) => c.clinicId));
  // Stored in a fresh random order each run: the letters a reader sees ("Clinic A", …) then say
  // nothing about a clinic's size or id, and no order-derived label survives from run to run.
  const shuffled: ClinicCounts[] = clinics.map((c) => ({ clinicId: c.clinicId, consenting: c.researchConsent, counts: rows.get(c.clinicId)?.counts ?? EMPTY }));
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const comparison = await networkComparison(shuffled, { scopes: scopes.map((s) => s.clinicIds) });
  await batchWriteAll(db, networkViewItems({ asOf: options.asOf, comparison }));
}

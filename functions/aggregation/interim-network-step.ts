// INTERIM, until the network-comparison work's network step (per-clinic count rows) lands: the
// network views re-folded from every clinic's stored summaries, as before. Called once per run,
// after the clinic tasks.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { networkComparison } from '../metrics/index.js';
import { batchWriteAll } from '../store/batch-write.js';
import { listClinics } from '../store/clinics.js';
import { networkViewItem, networkViewName } from '../store/network-view.js';
import { summaryBuckets } from '../store/summary-buckets.js';

export async function aggregateNetwork(db: DynamoDBDocumentClient, { asOf }: { asOf: string }): Promise<void> {
  const clinics = await listClinics(db);
  const everyone = await Promise.all(
    clinics.map(async (c) => ({ clinic: c, clinicId: c.clinicId, summaries: (await summaryBuckets(db, c.clinicId)).flatMap((b) => b.summaries) })),
  );
  const consenting = everyone.filter((r) => r.clinic.researchConsent);
  await batchWriteAll(db, [
    ...everyone.map((r) => networkViewItem({ view: networkViewName.clinic(r.clinicId), asOf, comparison: networkComparison(everyone, r.clinicId) })),
    networkViewItem({ view: networkViewName.all, asOf, comparison: networkComparison(everyone, '') }),
    networkViewItem({ view: networkViewName.research, asOf, comparison: networkComparison(consenting, '') }),
  ]);
}

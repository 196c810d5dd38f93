// The local demo data set: generated once, ingested through the public API's own code path
// (the app's POST /v1/events with each clinic's key), and remembered, so a restart adds nothing.
// A seed interrupted half-way resumes with the same as-of: what was stored comes back as duplicates.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { App } from '../api/app.js';
import { MAX_BATCH, type EventInput } from '../events/schema.js';
import { streamNetwork } from '../synthetic/index.js';
import { putClinic } from '../store/clinics.js';
import { writeDemoSeedState, type DemoSeedOptions } from '../store/demo-seed-state.js';

export async function seedDemo(
  db: DynamoDBDocumentClient,
  app: App,
  options: DemoSeedOptions,
  ingestKeyFor: (clinicId: string) => Promise<string>,
  progress: (ingested: number) => void,
): Promise<{ stored: number; duplicates: number }> {
  await writeDemoSeedState(db, { ...options, status: 'started' });
  const network = streamNetwork(options);
  for (const [i, clinic] of network.clinics.entries()) {
    // Two of three demo clinics consent to research, so researchers see a partial network.
    await putClinic(db, { clinicId: clinic.clinicId, timeZone: clinic.timeZone, researchConsent: i % 3 !== 2, updatedAt: options.asOf });
  }
  const keys = new Map<string, string>();
  for (const clinic of network.clinics) keys.set(clinic.clinicId, await ingestKeyFor(clinic.clinicId));

  const totals = { stored: 0, duplicates: 0, sent: 0 };
  const pending = new Map<string, EventInput[]>();
  const flush = async (clinicId: string) => {
    const events = pending.get(clinicId) ?? [];
    if (events.length === 0) return;
    pending.set(clinicId, []);
    const res = await app.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': keys.get(clinicId)! },
      body: JSON.stringify({ events }),
    });
    if (res.status !== 200) throw new Error(`demo ingest failed with ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { stored: string[]; duplicates: string[] };
    totals.stored += body.stored.length;
    totals.duplicates += body.duplicates.length;
    totals.sent += events.length;
    progress(totals.sent);
  };
  for (const event of network.events) {
    const batch = pending.get(event.clinicId) ?? [];
    batch.push(event);
    pending.set(event.clinicId, batch);
    if (batch.length === MAX_BATCH) await flush(event.clinicId);
  }
  for (const clinicId of pending.keys()) await flush(clinicId);
  await writeDemoSeedState(db, { ...options, status: 'complete' });
  return { stored: totals.stored, duplicates: totals.duplicates };
}

// `npm run create-key -- --clinic ID [--time-zone ZONE]`: an ingest key for a clinic, straight in
// the store named by DYNAMODB_ENDPOINT (local) or the AWS credentials and TABLE_NAME (deployed).
// Like the API route, it writes an audit entry.
import { commandLine } from './command-line.js';
import { commandActor, storeFromEnv } from './cli-store.js';
import { getClinic, putClinic } from '../store/clinics.js';
import { createIngestKey } from '../store/ingest-keys.js';
import { appendAudit } from '../store/audit-log.js';
import { idSchema } from '../events/schema.js';
import { isTimeZone } from '../events/time-zone.js';

const usage = 'usage: npm run create-key -- --clinic CLINIC_ID [--time-zone America/New_York]';

const { values, fail } = commandLine(usage, { clinic: { type: 'string' }, 'time-zone': { type: 'string' } });
const parsedClinic = idSchema.safeParse(values.clinic);
const clinicId = parsedClinic.success
  ? parsedClinic.data
  : fail(`--clinic ${values.clinic ? 'must be 1–64 characters of A–Z a–z 0–9 . _ : -' : 'is required'}`);

const db = await storeFromEnv();
try {
  const now = new Date().toISOString();
  const existing = await getClinic(db, clinicId);
  if (!existing) {
    const timeZone = values['time-zone'] ?? fail(`Clinic ${clinicId} does not exist; pass --time-zone to create it.`);
    if (!isTimeZone(timeZone)) fail(`--time-zone ${timeZone} is not an IANA time zone such as America/New_York`);
    await putClinic(db, { clinicId, timeZone, researchConsent: false, updatedAt: now });
    console.error(`Created clinic ${clinicId} (${timeZone}, research consent off).`);
  }
  const key = await createIngestKey(db, clinicId, now);
  await appendAudit(db, {
    at: now,
    actor: commandActor(),
    role: 'admin',
    scope: [clinicId],
    action: 'ingest-key.create',
    subject: { keyId: key.keyId },
    purpose: 'operations',
  });
  console.error(`Ingest key ${key.keyId} for ${clinicId}; the secret is shown once, only its hash is stored:`);
  console.log(key.secret);
} finally {
  db.destroy();
}

// `npm run create-key -- --clinic ID [--time-zone ZONE]`: an ingest key for a clinic, straight in
// the store named by DYNAMODB_ENDPOINT (local) or the AWS credentials and TABLE_NAME (deployed).
import { parseArgs } from 'node:util';
import { createDocumentClient } from '../store/client.js';
import { getClinic, putClinic } from '../store/clinics.js';
import { createIngestKey } from '../store/ingest-keys.js';
import { idSchema } from '../events/schema.js';

const usage = 'usage: npm run create-key -- --clinic CLINIC_ID [--time-zone America/New_York]';

const { values } = parseArgs({ options: { clinic: { type: 'string' }, 'time-zone': { type: 'string' } } });
const clinicId = idSchema.safeParse(values.clinic);
if (!clinicId.success) {
  console.error(`--clinic ${values.clinic ? 'must be 1–64 characters of A–Z a–z 0–9 . _ : -' : 'is required'}\n${usage}`);
  process.exit(2);
}

const db = createDocumentClient();
try {
  const existing = await getClinic(db, clinicId.data);
  if (!existing) {
    if (!values['time-zone']) {
      console.error(`Clinic ${clinicId.data} does not exist; pass --time-zone to create it.\n${usage}`);
      process.exit(2);
    }
    await putClinic(db, { clinicId: clinicId.data, timeZone: values['time-zone'], researchConsent: false, updatedAt: new Date().toISOString() });
    console.error(`Created clinic ${clinicId.data} (${values['time-zone']}, research consent off).`);
  }
  const key = await createIngestKey(db, clinicId.data);
  console.error(`Ingest key ${key.keyId} for ${clinicId.data}; the secret is shown once, only its hash is stored:`);
  console.log(key.secret);
} finally {
  db.destroy();
}

// `npm run create-key -- --clinic ID [--time-zone ZONE]`: an ingest key for a clinic, straight in
// the store named by DYNAMODB_ENDPOINT (local) or the AWS credentials and TABLE_NAME (deployed).
import { commandLine } from './command-line.js';
import { createDocumentClient } from '../store/client.js';
import { withLocalCredential } from '../local/embedded-dynamodb.js';
import { getClinic, putClinic } from '../store/clinics.js';
import { createIngestKey } from '../store/ingest-keys.js';
import { idSchema } from '../events/schema.js';
import { isTimeZone } from '../events/time-zone.js';

const usage = 'usage: npm run create-key -- --clinic CLINIC_ID [--time-zone America/New_York]';

const { values, fail } = commandLine(usage, { clinic: { type: 'string' }, 'time-zone': { type: 'string' } });
const parsedClinic = idSchema.safeParse(values.clinic);
const clinicId = parsedClinic.success
  ? parsedClinic.data
  : fail(`--clinic ${values.clinic ? 'must be 1–64 characters of A–Z a–z 0–9 . _ : -' : 'is required'}`);

const endpoint = process.env.DYNAMODB_ENDPOINT;
const db = createDocumentClient(endpoint && (await withLocalCredential(endpoint, process.env.DATA_DIR ?? '.data')));
try {
  const existing = await getClinic(db, clinicId);
  if (!existing) {
    const timeZone = values['time-zone'] ?? fail(`Clinic ${clinicId} does not exist; pass --time-zone to create it.`);
    if (!isTimeZone(timeZone)) fail(`--time-zone ${timeZone} is not an IANA time zone such as America/New_York`);
    await putClinic(db, { clinicId, timeZone, researchConsent: false, updatedAt: new Date().toISOString() });
    console.error(`Created clinic ${clinicId} (${timeZone}, research consent off).`);
  }
  const key = await createIngestKey(db, clinicId);
  console.error(`Ingest key ${key.keyId} for ${clinicId}; the secret is shown once, only its hash is stored:`);
  console.log(key.secret);
} finally {
  db.destroy();
}

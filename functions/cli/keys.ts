// `npm run keys -- list --clinic ID` and `npm run keys -- revoke --clinic ID --key KEY_ID`: a
// clinic's ingest keys, as GET and DELETE /v1/admin/clinics/{id}/ingest-keys do. A revocation is
// audited and takes effect at once.
import { z } from 'zod';
import { commandLine } from './command-line.js';
import { commandActor, storeFromEnv } from './cli-store.js';
import { listIngestKeys, revokeIngestKey } from '../store/ingest-keys.js';
import { appendAudit } from '../store/audit-log.js';
import { idSchema } from '../events/schema.js';

const usage = `usage: npm run keys -- list --clinic CLINIC_ID
       npm run keys -- revoke --clinic CLINIC_ID --key KEY_ID`;

const [action, ...flags] = process.argv.slice(2);
const { values, fail } = commandLine(usage, { clinic: { type: 'string' }, key: { type: 'string' } }, flags);
if (action !== 'list' && action !== 'revoke') fail(action ? `unknown action "${action}"` : 'name an action: list or revoke');
const clinicId = idSchema.safeParse(values.clinic).data ?? fail('--clinic CLINIC_ID is required');

const db = await storeFromEnv();
try {
  if (action === 'list') {
    const keys = await listIngestKeys(db, clinicId);
    if (keys.length === 0) console.error(`Clinic ${clinicId} has no ingest keys.`);
    for (const key of keys) console.log(`${key.keyId}  created ${key.createdAt}  ${key.revokedAt ? `revoked ${key.revokedAt}` : 'active'}`);
  } else {
    const keyId = z.uuid().safeParse(values.key).data ?? fail('--key KEY_ID (a key id from `npm run keys -- list`) is required');
    const at = new Date().toISOString();
    const key = await revokeIngestKey(db, clinicId, keyId, at);
    if (!key) fail(`Clinic ${clinicId} has no ingest key ${keyId}.`);
    await appendAudit(db, { at, actor: commandActor(), role: 'admin', scope: [clinicId], action: 'ingest-key.revoke', subject: { keyId }, purpose: 'operations' });
    console.log(`${keyId} revoked ${key!.revokedAt}`);
  }
} finally {
  db.destroy();
}

// A real platform for tests: in-memory dynalite, the real table, the real app, real tokens.
import { randomBytes } from 'node:crypto';
import { startEmbeddedDynamoDb } from '../../functions/local/embedded-dynamodb.js';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { createApp } from '../../functions/api/app.js';
import { createTokenVerifier, LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken } from '../../functions/api/auth/token-verifier.js';
import { putClinic } from '../../functions/store/clinics.js';
import { createIngestKey } from '../../functions/store/ingest-keys.js';
import { createAggregationRunner } from '../../functions/aggregation/aggregation-runner.js';

export const CLINIC_A = 'clinic-a';
export const CLINIC_B = 'clinic-b';

export async function startTestPlatform(options: { now?: () => Date } = {}) {
  const dynamo = await startEmbeddedDynamoDb();
  process.env.TABLE_NAME = `test-${randomBytes(4).toString('hex')}`;
  const db = createDocumentClient(dynamo.endpoint);
  await ensureTable(db);
  const secret = randomBytes(32);
  const errors: unknown[] = [];
  const now = options.now ?? (() => new Date());
  const verifyToken = createTokenVerifier({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, secret }, now);
  const aggregation = createAggregationRunner(db, { settleMs: 0, overlapMs: 0 });
  const app = createApp({ db, verifyToken, now, startAggregation: () => aggregation.start({ now: now() }) }, (e) => errors.push(e));

  for (const clinicId of [CLINIC_A, CLINIC_B]) {
    await putClinic(db, { clinicId, timeZone: 'America/New_York', researchConsent: clinicId === CLINIC_A, updatedAt: now().toISOString() });
  }
  const keyA = (await createIngestKey(db, CLINIC_A, now().toISOString())).secret;
  const keyB = (await createIngestKey(db, CLINIC_B, now().toISOString())).secret;
  const sign = (claims: { role: string; clinics?: string[]; counselorId?: string }, sub = `user-${claims.role}`) =>
    signLocalToken(secret, { sub, ...claims }, { now: now() });
  const tokens = {
    admin: await sign({ role: 'admin' }),
    director: await sign({ role: 'director', clinics: [CLINIC_A] }),
    counselor: await sign({ role: 'counselor', clinics: [CLINIC_A], counselorId: 'co-1' }),
    researcher: await sign({ role: 'researcher', clinics: [] }),
  };
  return {
    db,
    app,
    aggregation,
    secret,
    tokens,
    sign,
    ingestKeys: { [CLINIC_A]: keyA, [CLINIC_B]: keyB },
    unexpectedErrors: errors,
    endpoint: dynamo.endpoint,
    close: () => dynamo.close(),
  };
}

export type TestPlatform = Awaited<ReturnType<typeof startTestPlatform>>;

/** A valid event of each type for a clinic, with ids made unique by `tag`. */
export function sampleEvents(clinicId: string, tag: string, clientId = 'client-1') {
  const base = { clinicId, clientId, counselorId: 'co-1', occurredAt: '2025-03-01T09:30:00-05:00' };
  return [
    { ...base, id: `${tag}-enr`, type: 'client.enrolled', birthYear: 1980, gender: 'female', primarySubstance: 'alcohol', referral: 'self' },
    { ...base, id: `${tag}-ses`, type: 'session.recorded', sessionId: 's1', status: 'attended', modality: 'individual' },
    { ...base, id: `${tag}-set`, type: 'goal.set', goalId: 'g1', mode: 'collaborative', domain: 'substance_use', weight: 2 },
    { ...base, id: `${tag}-rev`, type: 'goal.reviewed', goalId: 'g1', level: 1 },
    { ...base, id: `${tag}-clo`, type: 'goal.closed', goalId: 'g1', outcome: 'achieved', level: 2 },
    { ...base, id: `${tag}-wai`, type: 'measure.recorded', instrument: 'WAI-SR', items: [4, 4, 5, 3, 4, 4, 5, 3, 4, 4, 5, 3] },
    { ...base, id: `${tag}-srs`, type: 'measure.recorded', instrument: 'SRS', items: [9.1, 8.7, 9.9, 10] },
    { ...base, id: `${tag}-ors`, type: 'measure.recorded', instrument: 'ORS', items: [5, 6.5, 4.2, 7] },
    { ...base, id: `${tag}-dis`, type: 'client.discharged', reason: 'completed' },
  ] as const;
}

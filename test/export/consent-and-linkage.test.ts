// Consent (issue 10): a clinic without research consent never appears, not even in aggregates, and
// withdrawing consent holds for every export requested afterwards. Linkage: two exports of the same
// data share no study id and no clinic or counselor code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { putClinic } from '../../functions/store/clinics.js';
import { bearer } from '../support/requests.js';
import { CLINIC_A } from '../support/test-platform.js';
import { CANARY_CLIENTS, CANARY_CLINIC, canaryEvents } from './canary-data.js';
import { duckdb } from './duckdb-read.js';
import { startExportPlatform, type ExportPlatform, type Json } from './export-platform.js';

const WITHOUT_CONSENT = 'zqx-no-consent-clinic';
const REQUEST = { purpose: 'research', protocolRef: 'IRB-9' } as const;
let x: ExportPlatform;

beforeAll(async () => {
  x = await startExportPlatform();
  await x.seedClinic(CANARY_CLINIC, true, canaryEvents().events);
  // Twice as many clients without consent: their totals could not hide in the consenting clinic's.
  const other = canaryEvents(WITHOUT_CONSENT).events;
  const more = canaryEvents(WITHOUT_CONSENT).events.map((e) => ({ ...e, id: `${e.id}-b`, clientId: `${e.clientId}-b` }));
  await x.seedClinic(WITHOUT_CONSENT, false, [...other, ...more]);
  await x.aggregate();
  // The test platform's own consenting clinic has no data; without it every count below is the canary clinic's.
  await putClinic(x.p.db, { clinicId: CLINIC_A, timeZone: 'UTC', researchConsent: false, updatedAt: x.clock.now().toISOString() });
}, 60_000);
afterAll(() => x.close());

const values = async (exportId: string, sql: (dir: string) => string) => {
  const db = await duckdb();
  const rows = await db.rows(sql(join(x.root, exportId)));
  db.close();
  return rows;
};

describe('consent', () => {
  it('safe_harbor: only the consenting clinic’s clients, under one clinic code', async () => {
    const view = await x.exportNow({ ...REQUEST, profile: 'safe_harbor', format: 'parquet' });
    expect(view.manifest.clinics).toBe(1);
    const codes = await values(view.exportId, (d) => `SELECT clinic_code, count(*) AS n FROM read_parquet('${d}/clients/*.parquet') GROUP BY ALL`);
    expect(codes).toHaveLength(1);
    expect(Number(codes[0]!.n) + view.summary.suppression.suppressed).toBe(CANARY_CLIENTS);
  });

  it('aggregate: the grand totals count the consenting clinic’s episodes and goals only', async () => {
    const view = await x.exportNow({ ...REQUEST, profile: 'aggregate', format: 'csv' });
    const totals = await values(
      view.exportId,
      (d) => `SELECT count FROM read_csv('${d}/dropout.csv') WHERE clinic_code = 'all' AND mode = 'all'`,
    );
    expect(totals.map((r) => Number(r.count))).toEqual([CANARY_CLIENTS]);
    const clinics = await values(view.exportId, (d) => `SELECT DISTINCT clinic_code FROM read_csv('${d}/dropout.csv') WHERE clinic_code <> 'all'`);
    expect(clinics).toHaveLength(1);
  });

  it('withdrawn consent holds for every export requested afterwards, in both profiles', async () => {
    const res = await x.app.request(`/v1/admin/clinics/${CANARY_CLINIC}`, {
      method: 'PUT',
      headers: { ...bearer(x.p.tokens.admin), 'content-type': 'application/json' },
      body: JSON.stringify({ timeZone: 'America/Chicago', researchConsent: false }),
    });
    expect(res.status).toBe(200);
    const safeHarbor: Json = await x.exportNow({ ...REQUEST, profile: 'safe_harbor', format: 'csv' });
    expect(safeHarbor.manifest.clinics).toBe(0);
    expect(Object.values(safeHarbor.summary.rows)).toEqual([]);
    const aggregate: Json = await x.exportNow({ ...REQUEST, profile: 'aggregate', format: 'csv' });
    expect(aggregate.manifest.clinics).toBe(0);
    const cells = await values(aggregate.exportId, (d) => `SELECT DISTINCT clinic_code, count FROM read_csv('${d}/dropout.csv', all_varchar = true)`);
    expect(cells).toEqual([{ clinic_code: 'all', count: '0' }]);
    const refused = await x.post(x.researchers.one, { ...REQUEST, profile: 'safe_harbor', format: 'csv', clinics: [CANARY_CLINIC] });
    expect(refused.status).toBe(404);
  });
});

describe('linkage', () => {
  it('two exports of the same data share no study id, clinic code or counselor code', async () => {
    await x.app.request(`/v1/admin/clinics/${CANARY_CLINIC}`, {
      method: 'PUT',
      headers: { ...bearer(x.p.tokens.admin), 'content-type': 'application/json' },
      body: JSON.stringify({ timeZone: 'America/Chicago', researchConsent: true }),
    });
    const codes = async () => {
      const view = await x.exportNow({ ...REQUEST, profile: 'safe_harbor', format: 'csv' });
      const rows = await values(
        view.exportId,
        (d) => `SELECT study_id AS code FROM read_csv('${d}/clients/*.csv') UNION SELECT clinic_code FROM read_csv('${d}/clients/*.csv')
                UNION SELECT counselor_code FROM read_csv('${d}/sessions/*.csv') UNION SELECT study_id FROM read_csv('${d}/goals/*.csv')`,
      );
      return new Set(rows.map((r) => r.code as string));
    };
    const first = await codes();
    const second = await codes();
    expect(first.size).toBeGreaterThan(CANARY_CLIENTS / 2);
    expect(second.size).toBe(first.size);
    expect([...first].filter((c) => second.has(c))).toEqual([]);
  });
});

describe('consent withdrawn between request and run', () => {
  it('the clinic’s worker contributes nothing, and the manifest counts no clinic', async () => {
    const { requestExport } = await import('../../functions/export/request-export.js');
    const { runExport } = await import('../../functions/export/run-export.js');
    const { localExportStorage } = await import('../../functions/export/storage/local-storage.js');
    const { exportParts } = await import('../../functions/store/export-parts.js');
    await putClinic(x.p.db, { clinicId: CANARY_CLINIC, timeZone: 'America/Chicago', researchConsent: true, updatedAt: x.clock.now().toISOString() });
    const parameters = { ...REQUEST, profile: 'safe_harbor', format: 'csv' } as const;
    const { plan } = await requestExport(x.p.db, { owner: 'researcher-one', role: 'researcher' }, parameters, x.clock.now());
    expect(plan.clinics.map((c) => c.clinicId)).toEqual([CANARY_CLINIC]);
    await putClinic(x.p.db, { clinicId: CANARY_CLINIC, timeZone: 'America/Chicago', researchConsent: false, updatedAt: x.clock.now().toISOString() });
    const job = await runExport({ db: x.p.db, storage: localExportStorage(x.root), now: x.clock.now }, plan);
    expect(job.summary!.rows).toEqual({});
    expect((await exportParts(x.p.db, plan.exportId)).map((p) => p.withheld)).toEqual([true]);
    const manifest = JSON.parse((await x.filesOf(plan.exportId)).get('manifest.json')!.toString('utf8'));
    expect(manifest.clinics).toBe(0);
  });
});

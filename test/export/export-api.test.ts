// The export routes as every kind of caller sees them (SPEC §6): researchers only, own exports only,
// bad input a problem that changes nothing; and the audit trail of request, completion and download.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntriesOn } from '../../functions/store/audit-log.js';
import { bearer } from '../support/requests.js';
import { CLINIC_A } from '../support/test-platform.js';
import { CANARY_CLINIC, canaryEvents } from './canary-data.js';
import { startExportPlatform, type ExportPlatform, type Json } from './export-platform.js';

let x: ExportPlatform;
let done: Json;
const REQUEST = { purpose: 'research', protocolRef: 'IRB-2026-0042', profile: 'safe_harbor', format: 'csv' } as const;

beforeAll(async () => {
  x = await startExportPlatform();
  await x.seedClinic(CANARY_CLINIC, true, canaryEvents().events);
  await x.aggregate();
  done = await x.exportNow(REQUEST);
}, 60_000);
afterAll(() => x.close());

const endpoints = () => [
  { method: 'POST', path: '/v1/exports', body: REQUEST },
  { method: 'GET', path: '/v1/exports' },
  { method: 'GET', path: `/v1/exports/${done.exportId}` },
  { method: 'GET', path: `/v1/exports/${done.exportId}/download?file=manifest.json` },
];

const call = (e: { method: string; path: string; body?: unknown }, headers: Record<string, string>) =>
  x.app.request(e.path, { method: e.method, headers: { ...headers, 'content-type': 'application/json' }, ...(e.body ? { body: JSON.stringify(e.body) } : {}) });

describe('who may call the export endpoints', () => {
  it('director, counselor, admin and ingest keys get 403 on every one, and nothing is started', async () => {
    const before = await (await x.app.request('/v1/exports', { headers: bearer(x.researchers.one) })).json();
    const callers = {
      director: bearer(x.p.tokens.director),
      counselor: bearer(x.p.tokens.counselor),
      admin: bearer(x.p.tokens.admin),
      ingest: { 'x-api-key': x.p.ingestKeys[CLINIC_A]! },
    };
    for (const [who, headers] of Object.entries(callers)) {
      for (const e of endpoints()) {
        const res = await call(e, headers);
        expect(res.status, `${who} ${e.method} ${e.path}`).toBe(403);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    }
    await x.host.idle();
    expect(await (await x.app.request('/v1/exports', { headers: bearer(x.researchers.one) })).json()).toEqual(before);
  });

  it('nobody signed in gets 401', async () => {
    for (const e of endpoints()) expect((await call(e, {})).status).toBe(401);
  });

  it('another researcher’s export is 404, read or downloaded, and absent from their list', async () => {
    const other = bearer(x.researchers.two);
    expect((await x.app.request(`/v1/exports/${done.exportId}`, { headers: other })).status).toBe(404);
    expect((await x.app.request(`/v1/exports/${done.exportId}/download?file=manifest.json`, { headers: other })).status).toBe(404);
    expect(((await (await x.app.request('/v1/exports', { headers: other })).json()) as Json).exports).toEqual([]);
  });

  it('the owner sees it in their list, complete, with its summary', async () => {
    const list = (await (await x.app.request('/v1/exports', { headers: bearer(x.researchers.one) })).json()) as Json;
    expect(list.exports.map((e: Json) => [e.exportId, e.status, e.progress])).toContainEqual([done.exportId, 'complete', 100]);
    expect(done.summary.rows.clients).toBeGreaterThan(0);
  });
});

describe('bad requests', () => {
  it.each([
    [{ ...REQUEST, profile: 'raw' }, 'profile'],
    [{ ...REQUEST, format: 'xlsx' }, 'format'],
    [{ ...REQUEST, purpose: 'curiosity' }, 'purpose'],
    [{ ...REQUEST, protocolRef: 'approved by Dr Smith on the phone' }, 'protocolRef'],
    [{ ...REQUEST, from: '2025-06-01', to: '2025-01-01' }, 'to'],
    [{ ...REQUEST, note: 'free text' }, 'note'],
  ])('%j → 400 at %s, nothing recorded', async (body, path) => {
    const before = ((await (await x.app.request('/v1/exports', { headers: bearer(x.researchers.one) })).json()) as Json).exports.length;
    const res = await x.post(x.researchers.one, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as Json).errors.map((e: Json) => e.path)).toContain(path);
    expect(((await (await x.app.request('/v1/exports', { headers: bearer(x.researchers.one) })).json()) as Json).exports).toHaveLength(before);
  });

  it('a clinic without consent (or unknown) is 404, told apart from nothing', async () => {
    for (const clinic of ['clinic-b', 'no-such-clinic']) {
      const res = await x.post(x.researchers.one, { ...REQUEST, clinics: [clinic] });
      expect(res.status).toBe(404);
      expect(((await res.json()) as Json).detail).toBe(`No consenting clinic with id ${clinic}.`);
    }
  });

  it('a file the manifest does not list is 404, and a malformed one 400', async () => {
    const headers = bearer(x.researchers.one);
    expect((await x.app.request(`/v1/exports/${done.exportId}/download?file=clients/part-X.csv`, { headers })).status).toBe(404);
    expect((await x.app.request(`/v1/exports/${done.exportId}/download?file=../../etc/passwd%00`, { headers })).status).toBe(400);
    expect((await x.app.request('/v1/exports/not-a-uuid', { headers })).status).toBe(400);
  });
});

describe('downloads and the audit trail', () => {
  it('streams a listed file whose SHA-256 matches the manifest, and audits request, completion and download', async () => {
    const file = (done.manifest.files as Json[]).find((f) => f.path.startsWith('clients/'))!;
    const res = await x.app.request(`/v1/exports/${done.exportId}/download?file=${file.path}`, { headers: bearer(x.researchers.one) });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    expect(bytes.toString('utf8').split('\r\n')[0]).toMatch(/^study_id,clinic_code,counselor_code,enrollment_year,age_band,/);

    const entries = (await auditEntriesOn(x.p.db, x.clock.now().toISOString().slice(0, 10), 500)).entries.filter((e) => e.exportId === done.exportId);
    const byAction = Object.fromEntries(entries.map((e) => [e.action, e]));
    expect(Object.keys(byAction).sort()).toEqual(['export.complete', 'export.download', 'export.request']);
    for (const e of entries) {
      expect(e).toMatchObject({ actor: 'researcher-one', role: 'researcher', purpose: 'research', protocolRef: 'IRB-2026-0042' });
    }
    expect([...byAction['export.request']!.scope].sort()).toEqual([CLINIC_A, CANARY_CLINIC].sort());
    expect(byAction['export.request']!.parameters).toMatchObject(REQUEST);
    expect([...byAction['export.complete']!.scope].sort()).toEqual([CLINIC_A, CANARY_CLINIC].sort());
    expect(byAction['export.complete']!.rowCounts).toEqual(done.summary.rows);
    expect(byAction['export.complete']!.suppression).toEqual(done.summary.suppression);
    expect(byAction['export.complete']!.checksums).toEqual([done.summary.manifestSha256]);
    expect(byAction['export.download']).toMatchObject({ file: file.path, checksums: [file.sha256] });
  });
});

describe('a retried clinic worker', () => {
  it('replaces its part without counting its clinic twice', async () => {
    const { exportClinic } = await import('../../functions/export/export-clinic.js');
    const { localExportStorage } = await import('../../functions/export/storage/local-storage.js');
    const { getExportJob } = await import('../../functions/store/export-jobs.js');
    const { exportParts } = await import('../../functions/store/export-parts.js');
    const before = (await getExportJob(x.p.db, 'researcher-one', done.exportId))!;
    const [part] = await exportParts(x.p.db, done.exportId);
    await exportClinic(
      { db: x.p.db, storage: localExportStorage(x.root), now: x.clock.now },
      { exportId: done.exportId, owner: 'researcher-one', clinicId: part!.clinicId, clinicCode: part!.clinicCode },
    );
    expect((await getExportJob(x.p.db, 'researcher-one', done.exportId))!.clinicsDone).toBe(before.clinicsDone);
    expect(await exportParts(x.p.db, done.exportId)).toHaveLength(before.clinicsTotal);
  });
});

describe('a manifest of many files', () => {
  it('is answered without its file list beyond 1,000 files, saying how many were left out', async () => {
    const { createApp } = await import('../../functions/api/app.js');
    const { createTokenVerifier, LOCAL_AUDIENCE, LOCAL_ISSUER } = await import('../../functions/api/auth/token-verifier.js');
    const files = Array.from({ length: 1_001 }, (_, i) => ({ path: `clients/part-${i}.csv`, rows: 1, bytes: 1, sha256: 'x' }));
    const host = { start: async () => {}, readManifest: async () => ({ ...done.manifest, files }), download: async () => ({ url: 'https://example.org', expiresInSeconds: 1 }) };
    const verifyToken = createTokenVerifier({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, secret: x.p.secret }, x.clock.now);
    const app = createApp({ db: x.p.db, verifyToken, now: x.clock.now, startAggregation: async () => ({ runId: 'unused' }), exports: host });
    const view = (await (await app.request(`/v1/exports/${done.exportId}`, { headers: bearer(x.researchers.one) })).json()) as Json;
    expect(view.manifest.files).toEqual([]);
    expect(view.manifest.filesOmitted).toBe(1_001);
    expect(view.manifest.rows).toEqual(done.manifest.rows);
    // The list is still what downloads are checked against.
    const res = await app.request(`/v1/exports/${done.exportId}/download?file=clients/part-1000.csv`, { headers: bearer(x.researchers.one) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://example.org');
    // The dashboard asks for the link as JSON: its CSP keeps fetch to its own origin.
    const asked = await app.request(`/v1/exports/${done.exportId}/download?file=clients/part-1000.csv`, {
      headers: { ...bearer(x.researchers.one), accept: 'application/json' },
    });
    expect(asked.status).toBe(200);
    expect(await asked.json()).toEqual({ url: 'https://example.org', expiresInSeconds: 1 });
  });
});

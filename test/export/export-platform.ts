// A real platform with research exports on: in-memory dynalite, the real app with the local export
// host writing to a temporary folder, researcher tokens, and helpers to request an export and wait
// for its run (no sleeping: the host's queue is awaited).
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createApp } from '../../functions/api/app.js';
import { createTokenVerifier, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/api/auth/token-verifier.js';
import { localExportHost } from '../../functions/export/local-export-host.js';
import { putClinic } from '../../functions/store/clinics.js';
import { startTestPlatform } from '../support/test-platform.js';
import { fakeClock } from '../support/fake-clock.js';
import { bearer } from '../support/requests.js';
import { ingest } from '../support/synthetic-ingest.js';
import type { EventInput } from '../../functions/events/schema.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON read loosely; the assertions check its shape.
export type Json = Record<string, any>;

export async function startExportPlatform(start = '2026-11-01T12:00:00.000Z') {
  const clock = fakeClock(start);
  const p = await startTestPlatform({ now: clock.now });
  const root = await mkdtemp(join(tmpdir(), 'exports-'));
  const hostErrors: unknown[] = [];
  const host = localExportHost(p.db, root, clock.now, (e) => hostErrors.push(e));
  const verifyToken = createTokenVerifier({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, secret: p.secret }, clock.now);
  const app = createApp({ db: p.db, verifyToken, now: clock.now, startAggregation: () => p.aggregation.start({ now: clock.now() }), exports: host }, (e) =>
    p.unexpectedErrors.push(e),
  );
  const researchers = {
    one: await p.sign({ role: 'researcher', clinics: [] }, 'researcher-one'),
    two: await p.sign({ role: 'researcher', clinics: [] }, 'researcher-two'),
  };

  /** Creates the clinic with an ingest key, ingests the events and aggregates, so client states exist. */
  async function seedClinic(clinicId: string, researchConsent: boolean, events: readonly EventInput[], timeZone = 'America/Chicago') {
    await putClinic(p.db, { clinicId, timeZone, researchConsent, updatedAt: clock.now().toISOString() });
    const key = await app.request(`/v1/admin/clinics/${clinicId}/ingest-keys`, { method: 'POST', headers: bearer(p.tokens.admin) });
    await ingest({ ...p, app }, new Map([[clinicId, ((await key.json()) as Json).secret]]), events);
  }

  async function aggregate() {
    clock.advance(60_000);
    await p.aggregation.run({ now: clock.now() });
  }

  const post = (token: string, body: unknown) =>
    app.request('/v1/exports', { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** Requests an export, waits for its run, and answers its final view. */
  async function exportNow(body: Json, token = researchers.one): Promise<Json> {
    const res = await post(token, body);
    if (res.status !== 202) throw new Error(`POST /v1/exports answered ${res.status}: ${await res.text()}`);
    const { exportId } = (await res.json()) as Json;
    await host.idle();
    clock.advance(1_000);
    const view = await app.request(`/v1/exports/${exportId}`, { headers: bearer(token) });
    return (await view.json()) as Json;
  }

  /** Every file of an export, by its path inside the export. */
  async function filesOf(exportId: string): Promise<Map<string, Buffer>> {
    const dir = join(root, exportId);
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    const files = new Map<string, Buffer>();
    for (const e of entries) if (e.isFile()) files.set(relative(dir, join(e.parentPath, e.name)), await readFile(join(e.parentPath, e.name)));
    return files;
  }

  return { p, app, clock, root, host, hostErrors, researchers, seedClinic, aggregate, post, exportNow, filesOf, close: () => p.close() };
}

export type ExportPlatform = Awaited<ReturnType<typeof startExportPlatform>>;

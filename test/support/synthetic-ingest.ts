import { streamNetwork } from '../../functions/synthetic/index.js';
import type { EventInput } from '../../functions/events/schema.js';
import type { TestPlatform } from './test-platform.js';
import { bearer } from './requests.js';

/** A small synthetic network whose clinics exist and have ingest keys on the platform. */
export async function syntheticNetwork(p: TestPlatform, options: { clients: number; seed: number; asOf: string }) {
  const network = streamNetwork(options);
  const keys = new Map<string, string>();
  for (const [i, clinic] of network.clinics.entries()) {
    const headers = { ...bearer(p.tokens.admin), 'content-type': 'application/json' };
    await p.app.request(`/v1/admin/clinics/${clinic.clinicId}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ timeZone: clinic.timeZone, researchConsent: i !== 2 }),
    });
    const key = await (await p.app.request(`/v1/admin/clinics/${clinic.clinicId}/ingest-keys`, { method: 'POST', headers })).json();
    keys.set(clinic.clinicId, key.secret);
  }
  return { clinics: network.clinics, counselors: network.counselors, events: [...network.events], keys };
}

/** Posts events in batches of up to 100 per clinic, failing loudly on anything but 200. */
export async function ingest(p: TestPlatform, keys: Map<string, string>, events: readonly EventInput[]) {
  const byClinic = new Map<string, EventInput[]>();
  for (const e of events) byClinic.set(e.clinicId, [...(byClinic.get(e.clinicId) ?? []), e]);
  for (const [clinicId, list] of byClinic) {
    for (let i = 0; i < list.length; i += 100) {
      const res = await p.app.request('/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': keys.get(clinicId)! },
        body: JSON.stringify({ events: list.slice(i, i + 100) }),
      });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    }
  }
}

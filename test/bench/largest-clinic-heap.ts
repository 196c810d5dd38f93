// bench:aggregate part 5: the largest clinic of the target aggregated in a process limited to
// 900 MB of old space. The store runs in a process of its own (dynalite keeps its data in memory),
// seeded here; the aggregation runs in a child with --max-old-space-size=900.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { putClinic } from '../../functions/store/clinics.js';
import { eventSchema, type Event } from '../../functions/events/schema.js';
import { streamNetwork } from '../../functions/synthetic/index.js';
import { seed } from './aggregation-scaling.js';
import { startDynamoProcess, stopChild } from './bench-support.js';

const CLINIC = 'largest';

export async function largestClinicHeap(clients: number, eventsPerClient = 8): Promise<string[]> {
  const { endpoint, child: store } = await startDynamoProcess({ port: 8931 });
  process.env.TABLE_NAME = 'bench-largest';
  const db = createDocumentClient(endpoint);
  try {
    await ensureTable(db);
    await putClinic(db, { clinicId: CLINIC, timeZone: 'America/Chicago', researchConsent: true, updatedAt: '2026-11-01T00:00:00.000Z' });
    // The synthetic network's clients, every one moved into the one clinic, each with its first
    // events (a year of history would take the store minutes to seed on this machine).
    const kept = new Map<string, number>();
    let batch: Event[] = [];
    let total = 0;
    for (const e of streamNetwork({ clients, seed: 21, asOf: '2026-11-01T00:00:00.000Z' }).events) {
      const key = `${e.clinicId}/${e.clientId}`;
      const n = kept.get(key) ?? 0;
      if (n >= eventsPerClient) continue;
      kept.set(key, n + 1);
      // The target's largest clinic has 300 counselors: the network's 800 are folded onto 300.
      const counselorId = `co-${Number.parseInt(createHash('sha1').update(e.counselorId).digest('hex').slice(0, 8), 16) % 300}`;
      batch.push(eventSchema.parse({ ...e, clinicId: CLINIC, clientId: key.replace('/', '.'), counselorId }) as Event);
      if (batch.length === 5_000) {
        await seed(db, batch, '2026-11-01T10:00:00.000Z');
        total += batch.length;
        batch = [];
      }
    }
    await seed(db, batch, '2026-11-01T10:00:00.000Z');
    total += batch.length;
    const result = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--max-old-space-size=900', '--import', 'tsx', 'test/bench/largest-clinic.ts'], {
        env: { ...process.env, DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: 'bench-largest', NODE_NO_WARNINGS: '1' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').at(-1)!) : reject(new Error(`aggregation exited with ${code} (out of memory?)`))));
    });
    const r = JSON.parse(result) as { status: string; clinicsFailed: number; clientsDerived: number; ms: number; peakHeapMb: number };
    return [
      `${kept.size.toLocaleString('en')} clients, ${total.toLocaleString('en')} events in one clinic; full run: ${r.status}, ${r.clinicsFailed} failed, ${r.clientsDerived.toLocaleString('en')} clients derived in ${(r.ms / 1000).toFixed(1)} s; peak heap ${r.peakHeapMb} MB (limit 900 MB)`,
    ];
  } finally {
    db.destroy();
    await stopChild(store);
  }
}

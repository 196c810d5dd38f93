// Writes the synthetic demo network as NDJSON, streaming, so a million events need no more
// memory than a thousand.
//   tsx functions/cli/generate.ts --clients 600 --seed 1 --out events.ndjson [--as-of ISO] [--clinics 3]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { streamNetwork } from '../synthetic/index.js';
import { commandLine } from './command-line.js';

const USAGE = `usage: tsx functions/cli/generate.ts --out FILE [--clients N=600] [--seed S=1] [--as-of ISO=today 00:00Z] [--clinics N=3]`;
// Lines are gathered into chunks of about this size before a write: one syscall per ~1 MB.
const CHUNK_CHARS = 1 << 20;
const PROGRESS_EVERY_MS = 1000;

interface GenerateArgs {
  out: string;
  clients: number;
  seed: number;
  asOf: string;
  clinics: number;
}

function todayUtcMidnight(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
}

function readArgs(argv: string[]): GenerateArgs {
  const { values, fail, integer } = commandLine(
    USAGE,
    { out: { type: 'string' }, clients: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' }, clinics: { type: 'string' } },
    argv,
  );
  const out = values.out ?? fail('--out is required');
  const asOf = values['as-of'] ?? todayUtcMidnight();
  if (Number.isNaN(Date.parse(asOf))) fail(`--as-of must be an ISO timestamp, got "${asOf}"`);
  return {
    out,
    clients: integer('clients', 600, 1),
    seed: integer('seed', 1, -(2 ** 31)),
    asOf,
    clinics: integer('clinics', 3, 1),
  };
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  const started = performance.now();
  const { clinics, counselors, events } = streamNetwork(args);
  const file = createWriteStream(args.out);
  const failed = once(file, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined); // reported where it is awaited below

  const byType: Record<string, number> = {};
  const byClinic: Record<string, number> = {};
  let total = 0;
  let chunk = '';
  let lastProgress = started;
  for (const event of events) {
    chunk += `${JSON.stringify(event)}\n`;
    total++;
    byType[event.type] = (byType[event.type] ?? 0) + 1;
    byClinic[event.clinicId] = (byClinic[event.clinicId] ?? 0) + 1;
    if (chunk.length >= CHUNK_CHARS) {
      if (!file.write(chunk)) await Promise.race([once(file, 'drain'), failed]);
      chunk = '';
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        process.stderr.write(`  ${total.toLocaleString('en-US')} events, ${Math.round(total / ((now - started) / 1000)).toLocaleString('en-US')} events/s\n`);
      }
    }
  }
  file.end(chunk);
  await Promise.race([once(file, 'finish'), failed]);

  const seconds = (performance.now() - started) / 1000;
  const lines = [
    `wrote ${total.toLocaleString('en-US')} events to ${args.out} in ${seconds.toFixed(1)} s (${Math.round(total / seconds).toLocaleString('en-US')} events/s)`,
    `clients ${args.clients}, seed ${args.seed}, as-of ${args.asOf}, ${counselors.length} counselors`,
    'clinics:',
    ...clinics.map((c) => `  ${c.clinicId.padEnd(14)} ${c.timeZone.padEnd(20)} ${String(byClinic[c.clinicId] ?? 0).padStart(10)}  ${c.label}`),
    'events by type:',
    ...Object.entries(byType).sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `  ${type.padEnd(18)} ${String(n).padStart(10)}`),
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`generate failed: ${(error as Error).message}\n`);
  process.exit(1);
});

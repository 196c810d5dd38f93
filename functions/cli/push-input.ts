// Where pushed events and keys come from: an NDJSON file read line by line (memory stays flat
// for a million events), and the demo credentials file that maps each clinic to its ingest key.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { IngestEvent } from './push-client.js';

/** Events of an NDJSON file, one per non-blank line; a bad line fails with its line number. */
export async function* readNdjsonEvents(path: string): AsyncGenerator<IngestEvent, void, undefined> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${path}:${lineNumber}: not JSON (${(error as Error).message})`);
    }
    const event = value as Partial<IngestEvent> | null;
    if (typeof event !== 'object' || event === null || typeof event.id !== 'string' || typeof event.clinicId !== 'string') {
      throw new Error(`${path}:${lineNumber}: not an event object with string "id" and "clinicId"`);
    }
    yield event as IngestEvent;
  }
}

const credentialsSchema = z.object({
  baseUrl: z.string().optional(),
  ingestKeys: z.record(z.string(), z.string()),
});

export type Credentials = z.infer<typeof credentialsSchema>;

/** The demo credentials file; only the base URL and the ingest keys matter for pushing. */
export async function loadCredentials(path: string): Promise<Credentials> {
  const parsed = credentialsSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a credentials file (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

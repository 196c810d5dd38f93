// Push a stream of events through the ingest API: batches per clinic (a key is scoped to one
// clinic), a bounded number of batches in flight, progress callbacks, and a stop at the first
// failure, so a bad file is not sent a hundred times over.
import {
  postBatch,
  type IngestEvent,
  type IngestResult,
  type PostOptions,
  type RetryNotice,
  type RetryPolicy,
} from './push-client.js';

/** Sends one clinic's batch: the native ingest API by default, or the FHIR endpoint (push-fhir.ts). */
type BatchPoster = (baseUrl: string, key: string, batch: IngestEvent[], options: PostOptions) => Promise<IngestResult>;

export interface PushOptions {
  baseUrl: string;
  /** The ingest key for a clinic, or undefined when there is none. */
  keyForClinic: (clinicId: string) => string | undefined;
  /** Events per request; the API accepts at most 100. */
  batchSize?: number;
  concurrency?: number;
  retry?: RetryPolicy;
  onProgress?: (progress: PushProgress) => void;
  onRetry?: (notice: RetryNotice & { clinicId: string }) => void;
  post?: BatchPoster;
}

export interface PushProgress {
  batches: number;
  sent: number;
  stored: number;
  duplicates: number;
  retries: number;
  elapsedMs: number;
}

/** A push that stopped early: what got through, and why it stopped (`cause`). */
export class PushFailed extends Error {
  constructor(
    readonly progress: PushProgress,
    readonly clinicId: string | undefined,
    options: { cause: unknown },
  ) {
    super(`push stopped${clinicId ? ` at a batch of clinic ${clinicId}` : ''}: ${(options.cause as Error).message}`, options);
    this.name = 'PushFailed';
  }
}

export interface ClinicBatch {
  clinicId: string;
  events: IngestEvent[];
}

/** Groups events into per-clinic batches of up to `size`, keeping each clinic's order. */
export async function* batchesByClinic(
  events: AsyncIterable<IngestEvent> | Iterable<IngestEvent>,
  size: number,
): AsyncGenerator<ClinicBatch, void, undefined> {
  const open = new Map<string, IngestEvent[]>();
  for await (const event of events) {
    let batch = open.get(event.clinicId);
    if (!batch) {
      batch = [];
      open.set(event.clinicId, batch);
    }
    batch.push(event);
    if (batch.length >= size) {
      open.delete(event.clinicId);
      yield { clinicId: event.clinicId, events: batch };
    }
  }
  for (const [clinicId, batch] of open) yield { clinicId, events: batch };
}

export async function pushEvents(
  events: AsyncIterable<IngestEvent> | Iterable<IngestEvent>,
  { baseUrl, keyForClinic, batchSize = 100, concurrency = 4, retry, onProgress, onRetry, post = postBatch }: PushOptions,
): Promise<PushProgress> {
  const started = performance.now();
  const progress: PushProgress = { batches: 0, sent: 0, stored: 0, duplicates: 0, retries: 0, elapsedMs: 0 };
  const abort = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let failure: PushFailed | undefined;
  const fail = (clinicId: string | undefined, cause: unknown) => {
    progress.elapsedMs = performance.now() - started;
    failure ??= new PushFailed({ ...progress }, clinicId, { cause });
    abort.abort(failure);
  };

  const send = async ({ clinicId, events: batch }: ClinicBatch, key: string) => {
    const result = await post(baseUrl, key, batch, {
      retry,
      signal: abort.signal,
      onRetry: (notice) => {
        progress.retries++;
        onRetry?.({ ...notice, clinicId });
      },
    });
    progress.batches++;
    progress.sent += batch.length;
    progress.stored += result.stored.length;
    progress.duplicates += result.duplicates.length;
    progress.elapsedMs = performance.now() - started;
    onProgress?.({ ...progress });
  };

  try {
    for await (const batch of batchesByClinic(events, batchSize)) {
      if (failure) break;
      const key = keyForClinic(batch.clinicId);
      if (key === undefined) {
        fail(batch.clinicId, new Error(`no ingest key for clinic "${batch.clinicId}"`));
        break;
      }
      const task: Promise<void> = send(batch, key)
        .catch((error: unknown) => fail(batch.clinicId, error))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
  } catch (error) {
    fail(undefined, error); // reading the input failed, e.g. a line that is not JSON
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  progress.elapsedMs = performance.now() - started;
  return progress;
}

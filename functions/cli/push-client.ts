// POST one batch to the public ingest API (POST {base}/v1/events), retrying what is worth
// retrying: 429, 5xx and network failures, with bounded exponential backoff. Any other 4xx is
// the producer's fault and retrying cannot fix it, so it is raised with the problem's detail.
// The FHIR push (push-fhir.ts) shares the retry loop; its OperationOutcomes read as problems.
import type { OperationOutcome } from 'fhir/r4';

/** The minimum the client needs of an event; the API validates the rest. */
export interface IngestEvent {
  id: string;
  clinicId: string;
  [field: string]: unknown;
}

export interface IngestResult {
  stored: string[];
  duplicates: string[];
}

/** RFC 9457 problem details, with the ingest API's extensions. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { index: number; path: (string | number)[] | string; message: string }[];
  conflicts?: unknown;
  [extension: string]: unknown;
}

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface PostOptions {
  retry?: RetryPolicy;
  onRetry?: (notice: RetryNotice) => void;
  signal?: AbortSignal;
}

/** The API refused a batch (a 4xx other than 429). */
export class IngestRejected extends Error {
  constructor(
    readonly problem: Problem,
    /** The batch's event ids, so a problem's `index` can name the event. */
    readonly eventIds: string[],
  ) {
    super(`${problem.status} ${problem.title ?? 'rejected'}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.name = 'IngestRejected';
  }
}

/** 429, 5xx or network failures outlasted the retry policy. */
export class RetriesExhausted extends Error {
  constructor(attempts: number, lastReason: string) {
    super(`gave up after ${attempts} attempts; last: ${lastReason}`);
    this.name = 'RetriesExhausted';
  }
}

/** The FHIR endpoint's OperationOutcome as a problem: each issue located at `Bundle.entry[i]` names entry i. */
function problemOfOutcome(outcome: OperationOutcome, status: number): Problem {
  const errors = outcome.issue.map((issue) => {
    const [, index, path] = /^Bundle\.entry\[(\d+)\]\.?(.*)$/.exec(issue.expression?.[0] ?? '') ?? [];
    return { index: index === undefined ? -1 : Number(index), path: path ?? issue.expression?.[0] ?? '', message: issue.diagnostics ?? issue.code };
  });
  return { status, title: 'OperationOutcome', detail: errors[0]?.message, errors };
}

function ingestUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v1/events`;
}

export async function postBatch(baseUrl: string, key: string, events: IngestEvent[], options: PostOptions = {}): Promise<IngestResult> {
  const request = { url: ingestUrl(baseUrl), contentType: 'application/json', body: JSON.stringify({ events }) };
  return postWithRetry(request, key, events.map((e) => e.id), readResult, options);
}

export interface PostRequest {
  url: string;
  contentType: string;
  body: string;
}

/**
 * POST with the retry policy above; `readOk` reads a 2xx answer. Shared by the native and the
 * FHIR push, so both retry the same way.
 */
export async function postWithRetry<T>(
  { url, contentType, body }: PostRequest,
  key: string,
  /** The batch's ids, so a rejection can name what was wrong. */
  ids: string[],
  readOk: (response: Response) => Promise<T>,
  { retry = defaultRetryPolicy, onRetry, signal }: PostOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let retryAfterMs: number | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': contentType, 'x-api-key': key },
        body,
        signal,
      });
      if (response.ok) return readOk(response);
      const problem = await readProblem(response);
      if (response.status !== 429 && response.status < 500) throw new IngestRejected(problem, ids);
      reason = `${response.status} ${problem.title ?? response.statusText}`;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    } catch (error) {
      if (error instanceof IngestRejected || signal?.aborted) throw error;
      reason = `network error: ${(error as Error).message}`;
    }
    if (attempt >= retry.maxAttempts) throw new RetriesExhausted(attempt, reason);
    const delayMs = Math.min(retry.maxDelayMs, retryAfterMs ?? backoff(retry, attempt));
    onRetry?.({ attempt, delayMs, reason });
    await sleep(delayMs, signal);
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random, so clients spread out. */
function backoff({ baseDelayMs, maxDelayMs }: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

async function readResult(response: Response): Promise<IngestResult> {
  const body = (await response.json()) as Partial<IngestResult>;
  if (!Array.isArray(body.stored) || !Array.isArray(body.duplicates)) {
    throw new Error(`unexpected ${response.status} body from ${response.url}: no stored/duplicates arrays`);
  }
  return { stored: body.stored, duplicates: body.duplicates };
}

async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as Partial<Problem> & { resourceType?: unknown };
    if (parsed?.resourceType === 'OperationOutcome') return problemOfOutcome(parsed as unknown as OperationOutcome, response.status);
    if (parsed && typeof parsed === 'object') return { ...parsed, status: parsed.status ?? response.status };
  } catch {
    // Not problem+json (a proxy's HTML page, say): keep the start of the text as the detail.
  }
  return { status: response.status, title: response.statusText, detail: text.slice(0, 200) };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// A tiny real HTTP server imitating the ingest API contract (POST /v1/events, x-api-key,
// { events } → { stored, duplicates } or problem+json), scripted per test.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedBatch {
  key: string | undefined;
  contentType: string | undefined;
  events: { id: string; clinicId: string }[];
}

/** What the server answers to the n-th request (0-based); 'drop' closes the socket unanswered. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'drop';
export type Script = (request: ReceivedBatch, n: number) => Reply | undefined;

export interface FakeIngestApi {
  baseUrl: string;
  /** Every request received, in order, retried ones included. */
  received: ReceivedBatch[];
  close(): Promise<void>;
}

export async function startFakeIngestApi(script: Script = () => undefined): Promise<FakeIngestApi> {
  const received: ReceivedBatch[] = [];
  const seen = new Set<string>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method !== 'POST' || req.url !== '/v1/events') return answer(res, { status: 404, body: problem(404, 'Not Found') });
    const request: ReceivedBatch = {
      key: req.headers['x-api-key'] as string | undefined,
      contentType: req.headers['content-type'],
      events: (JSON.parse(raw) as { events: ReceivedBatch['events'] }).events,
    };
    const n = received.push(request) - 1;
    const reply = script(request, n);
    if (reply === 'drop') return req.socket.destroy();
    if (reply) return answer(res, reply);
    // Default: idempotent store, as the real API does (SPEC §2).
    const stored: string[] = [];
    const duplicates: string[] = [];
    for (const e of request.events) {
      const k = `${e.clinicId}/${e.id}`;
      (seen.has(k) ? duplicates : stored).push(e.id);
      seen.add(k);
    }
    answer(res, { status: 200, body: { stored, duplicates } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}) {
  return { type: 'about:blank', title, status, ...extra };
}

function answer(res: ServerResponse, { status, body, headers }: { status: number; body?: unknown; headers?: Record<string, string> }) {
  const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

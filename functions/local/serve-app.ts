// The local HTTP server of the app. Node answers a request it cannot parse (headers over its limit,
// a malformed request line) before the app sees it, with a bare status line; here it gets an
// RFC 9457 problem like every other error, and the connection is closed. So is one after a 413.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import { Problem } from '../api/problem.js';

/** Node's default, stated: bearer tokens and ingest keys are far smaller than this. */
export const MAX_HEADER_BYTES = 16 * 1024;

interface ClientError extends Error {
  code?: string;
}

function problemFor(error: ClientError): Problem {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new Problem({
      status: 431,
      title: 'Request header fields too large',
      detail: `The request's headers exceed ${MAX_HEADER_BYTES / 1024} KB; a bearer token or ingest key is far smaller.`,
    });
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new Problem({ status: 408, title: 'Request timeout', detail: 'The request took too long to arrive.' });
  }
  return new Problem({ status: 400, title: 'Bad request', detail: 'The request is not well-formed HTTP.' });
}

/** Writes the problem as a raw HTTP/1.1 response: the request never became one Node could answer. */
function answerClientError(error: ClientError, socket: Duplex): void {
  // A reset or a half-sent response: nobody is listening, or an answer is already on its way.
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const problem = problemFor(error);
  const body = JSON.stringify(problem.body);
  socket.end(
    `HTTP/1.1 ${problem.status} ${problem.body.title}\r\n` +
      'content-type: application/problem+json\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      'connection: close\r\n\r\n' +
      body,
  );
}

type Fetch = (request: Request) => Response | Promise<Response>;

/**
 * A 413 is answered before the body is read, and the rest of it would arrive where the next
 * request should: the connection is closed instead, and the client opens a new one. (A connection
 * concern of this server: behind API Gateway, the gateway owns the connections.)
 */
const closingAfter413 =
  (fetch: Fetch): Fetch =>
  async (request) => {
    const response = await fetch(request);
    if (response.status !== 413) return response;
    const headers = new Headers(response.headers);
    headers.set('connection', 'close');
    return new Response(response.body, { status: response.status, headers });
  };

export function serveApp(fetch: Fetch, options: { port: number; hostname: string }): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch: closingAfter413(fetch), ...options, serverOptions: { maxHeaderSize: MAX_HEADER_BYTES } }, () => resolve(server));
    (server as Server).on('clientError', answerClientError);
  });
}

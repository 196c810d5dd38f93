// An HTTP proxy in front of dynalite that injects the faults real DynamoDB produces under load and
// dynalite never does: throttling, a write whose answer is lost, and unprocessed batch items. The
// SDK client under test talks HTTP to it, so its own retry strategy runs as in production.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export type Fault =
  | { kind: 'forward' }
  | { kind: 'throttle' }
  /** Applied by the table, then answered as throttled: the caller retries a write that landed. */
  | { kind: 'lose-answer' }
  /** Only `forwarded` goes to the table; the rest comes back as UnprocessedItems. */
  | { kind: 'unprocess'; forwarded: Json; unprocessed: Json };

export type FaultPlan = (operation: string, body: Json) => Fault;

const THROTTLED = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
  message: 'Rate exceeded',
});

export async function startFaultProxy(dynamoEndpoint: string, plan: FaultPlan) {
  const target = new URL(dynamoEndpoint);
  const calls = new Map<string, number>();
  const forwardedBodies: { operation: string; body: Json }[] = [];

  const forward = (req: http.IncomingMessage, body: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const headers = { ...req.headers, 'content-length': String(Buffer.byteLength(body)) };
      const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      });
      out.on('error', reject);
      out.end(body);
    });

  const server = http.createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop()!;
    calls.set(operation, (calls.get(operation) ?? 0) + 1);
    const body = JSON.parse(text) as Json;
    const fault = plan(operation, body);
    const throttle = () => {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(THROTTLED) });
      res.end(THROTTLED);
    };
    if (fault.kind === 'throttle') return throttle();
    const sent = fault.kind === 'unprocess' ? fault.forwarded : body;
    forwardedBodies.push({ operation, body: sent });
    const answer = await forward(req, JSON.stringify(sent));
    if (fault.kind === 'lose-answer') return throttle();
    let reply = answer.body;
    if (fault.kind === 'unprocess') reply = JSON.stringify({ ...(JSON.parse(answer.body) as Json), UnprocessedItems: fault.unprocessed });
    res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(reply) });
    res.end(reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = new URL(dynamoEndpoint);
  endpoint.port = String(port);
  return {
    /** The proxy's endpoint, with the database's credential. */
    endpoint: endpoint.toString().replace(/\/$/, ''),
    calls: (operation: string) => calls.get(operation) ?? 0,
    forwardedBodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// The app behind the local platform's real HTTP server, and a client that keeps its connection.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../functions/api/app.js';
import { serveApp } from '../../functions/local/serve-app.js';
import { startTestPlatform } from './test-platform.js';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The local port of the socket that carried it: the same port twice is the same connection. */
  localPort: number;
}

export type HttpClient = Awaited<ReturnType<typeof serveOverHttp>>;

async function serveOverHttp(app: App) {
  const server = await serveApp(app.fetch, { port: 0, hostname: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  // One socket, kept alive: a second request goes over the first one's connection when it may.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const request = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), localPort: req.socket!.localPort! }),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    request,
    close: async () => {
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A test platform behind the real HTTP server; `close` stops both. */
export async function startPlatformOverHttp() {
  const platform = await startTestPlatform();
  const http = await serveOverHttp(platform.app);
  return {
    platform,
    http,
    close: async () => {
      await http.close();
      await platform.close();
    },
  };
}

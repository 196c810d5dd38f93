// What Node itself answers, before the app: oversized headers, and a connection after a 413.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_A, sampleEvents, type TestPlatform } from '../support/test-platform.js';
import { startPlatformOverHttp, type HttpClient } from '../support/http-server.js';

let p: TestPlatform;
let http: HttpClient;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ platform: p, http, close } = await startPlatformOverHttp());
});
afterAll(() => close());

const json = { 'content-type': 'application/json' };

describe('the local HTTP server', () => {
  it('answers a 413 so that the next request on a kept-alive connection still succeeds', async () => {
    const key = p.ingestKeys[CLINIC_A]!;
    const huge = JSON.stringify({ events: [{ ...sampleEvents(CLINIC_A, 'huge')[0], pad: 'x'.repeat(300 * 1024) }] });
    const tooLarge = await http.request('POST', '/v1/events', { ...json, 'x-api-key': key }, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers['content-type']).toBe('application/problem+json');
    expect(tooLarge.headers.connection).toBe('close');
    const next = await http.request('POST', '/v1/events', { ...json, 'x-api-key': key }, JSON.stringify(sampleEvents(CLINIC_A, 'after-413')[1]));
    expect(next.status).toBe(200);
    expect(JSON.parse(next.body)).toEqual({ stored: ['after-413-ses'], duplicates: [] });
  });

  it('keeps the connection after an ordinary 400', async () => {
    const key = p.ingestKeys[CLINIC_A]!;
    const bad = await http.request('POST', '/v1/events', { ...json, 'x-api-key': key }, '{}');
    const next = await http.request('GET', '/v1/health', {});
    expect([bad.status, next.status]).toEqual([400, 200]);
    expect(next.localPort).toBe(bad.localPort);
  });

  it.each([
    ['an 80 KB bearer token', { authorization: `Bearer ${'a'.repeat(80 * 1024)}` }],
    ['a 60 KB ingest key', { 'x-api-key': 'k'.repeat(60 * 1024) }],
  ])('answers %s with a 431 problem, not a bare status line', async (_what, headers) => {
    const res = await http.request('POST', '/v1/events', { ...json, ...headers }, '{}');
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, title: 'Request header fields too large' });
    // And the server goes on serving.
    expect((await http.request('GET', '/v1/health', {})).status).toBe(200);
  });

  it('answers a request Node cannot parse with a 400 problem', async () => {
    const { connect } = await import('node:net');
    const url = new URL(http.baseUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write('NOT-HTTP\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('content-type: application/problem+json');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 });
  });
});

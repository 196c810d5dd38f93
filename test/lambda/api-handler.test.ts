// The API Lambda entry as API Gateway (HTTP API, payload format 2.0) invokes it: the handler is
// imported only after the environment a deployment gives it is in place (it builds its store client
// and token verifier at import), against an in-memory dynalite, with local HS256 tokens.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../functions/local/embedded-dynamodb.js';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { putClinic } from '../../functions/store/clinics.js';
import { createIngestKey } from '../../functions/store/ingest-keys.js';
import { clientTimeline } from '../../functions/store/client-timeline.js';
import { signLocalToken } from '../../functions/api/auth/token-verifier.js';
import { sampleEvents } from '../support/test-platform.js';
import { mockClient } from 'aws-sdk-client-mock';
import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { runAggregation } from '../../functions/aggregation/run-aggregation.js';

// "Run now" puts a message on the aggregation task queue (SQS, an AWS-only service: mocked).
const sqs = mockClient(SQSClient);

const CLINIC = 'lakeside';
const JWT_SECRET = randomBytes(32).toString('hex');
const API_ID = 'a1b2c3d4e5';
const DOMAIN = `${API_ID}.execute-api.eu-west-1.amazonaws.com`;

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let dynamo: EmbeddedDynamoDb;
let db: ReturnType<typeof createDocumentClient>;
let handler: Handler;
let ingestKey: string;
let adminToken: string;
let directorToken: string;

const lambdaContext: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'outcomes-test-api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:outcomes-test-api',
  memoryLimitInMB: '1024',
  awsRequestId: '6f1d2c8e-0b8a-4a53-9d0b-8f2a4c1e7d11',
  logGroupName: '/aws/lambda/outcomes-test-api',
  logStreamName: '2026/11/25/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 25_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
};

/** An API Gateway HTTP API event, payload format 2.0, as the `$default` stage sends it. */
function apiEvent(
  routeKey: string,
  request: { method: string; path: string; query?: string; headers?: Record<string, string>; body?: string; base64?: boolean; claims?: Record<string, string> },
): APIGatewayProxyEventV2 {
  const now = new Date();
  const headers: Record<string, string> = {
    accept: 'application/json',
    host: DOMAIN,
    'user-agent': 'clinic-system/2.3',
    'x-amzn-trace-id': 'Root=1-6745a1b2-0123456789abcdef01234567',
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body, request.base64 ? 'base64' : 'utf8')) } : {}),
    ...request.headers,
  };
  const proxy = routeKey.includes('{proxy+}') ? request.path.slice(routeKey.split(' ')[1]!.indexOf('{proxy+}')) : undefined;
  return {
    version: '2.0',
    routeKey,
    rawPath: request.path,
    rawQueryString: request.query ?? '',
    headers,
    ...(request.query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(request.query)) } : {}),
    ...(proxy ? { pathParameters: { proxy } } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: API_ID,
      domainName: DOMAIN,
      domainPrefix: API_ID,
      http: { method: request.method, path: request.path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: headers['user-agent']! },
      requestId: `Kx${randomBytes(6).toString('hex')}=`,
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(request.claims ? { authorizer: { jwt: { claims: request.claims, scopes: null } } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(request.body !== undefined ? { body: request.body, isBase64Encoded: request.base64 ?? false } : { isBase64Encoded: false }),
  };
}

const invoke = async (event: APIGatewayProxyEventV2) => {
  const result = await handler(event, lambdaContext);
  const text = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : result.body ?? '';
  return { result, headers: result.headers ?? {}, json: text ? JSON.parse(text) : undefined };
};

const postEvents = (body: string, extra: { base64?: boolean; headers?: Record<string, string> } = {}) =>
  invoke(
    apiEvent('POST /v1/events', {
      method: 'POST',
      path: '/v1/events',
      headers: { 'content-type': 'application/json', 'x-api-key': ingestKey, ...extra.headers },
      body: extra.base64 ? Buffer.from(body).toString('base64') : body,
      base64: extra.base64,
    }),
  );

const people = (method: string, routeKey: string, path: string, token: string | undefined, query?: string) =>
  invoke(
    apiEvent(routeKey, {
      method,
      path,
      query,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      claims: token ? { sub: 'cognito-sub', token_use: 'id' } : undefined,
    }),
  );

beforeAll(async () => {
  dynamo = await startEmbeddedDynamoDb();
  vi.stubEnv('DYNAMODB_ENDPOINT', dynamo.endpoint);
  vi.stubEnv('TABLE_NAME', `lambda-api-${randomBytes(4).toString('hex')}`);
  vi.stubEnv('JWT_SECRET', JWT_SECRET);
  vi.stubEnv('JWT_JWKS_URL', '');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'outcomes-api');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'WARN');
  // "Run now" from the API should see what was ingested a moment ago.
  vi.stubEnv('AGGREGATION_SETTLE_SECONDS', '0');
  vi.stubEnv('AGGREGATION_QUEUE_URL', 'https://sqs.eu-west-1.amazonaws.com/123456789012/outcomes-aggregation-tasks');
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });

  db = createDocumentClient(dynamo.endpoint);
  await ensureTable(db);
  await putClinic(db, { clinicId: CLINIC, timeZone: 'America/Chicago', researchConsent: true, updatedAt: new Date().toISOString() });
  ingestKey = (await createIngestKey(db, CLINIC, new Date().toISOString())).secret;
  const secret = new TextEncoder().encode(JWT_SECRET);
  adminToken = await signLocalToken(secret, { sub: 'admin-1', role: 'admin' });
  directorToken = await signLocalToken(secret, { sub: 'director-1', role: 'director', clinics: [CLINIC] });

  ({ handler } = (await import('../../functions/lambda/api.js')) as unknown as { handler: Handler });
});

afterAll(async () => {
  sqs.restore();
  vi.unstubAllEnvs();
  await dynamo?.close();
});

describe('API Lambda handler (API Gateway HTTP API, payload 2.0)', () => {
  it('GET /v1/health answers 200 with JSON, round-tripping to the store', async () => {
    const before = Date.now();
    const { result, headers, json } = await invoke(apiEvent('GET /v1/health', { method: 'GET', path: '/v1/health' }));
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(false);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(json).toEqual({ status: 'ok', time: expect.any(String), lastAggregationAt: null });
    expect(Date.parse(json.time)).toBeGreaterThanOrEqual(before - 1);
  });

  it('POST /v1/events with a valid batch answers 200 and stores every event', async () => {
    const events = sampleEvents(CLINIC, 'lambda-ok', 'client-l1');
    const { result, headers, json } = await postEvents(JSON.stringify({ events }));
    expect(result.statusCode).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(json).toEqual({ stored: events.map((e) => e.id), duplicates: [] });
    const stored = await clientTimeline(db, CLINIC, 'client-l1');
    expect(stored.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());

    // Sent again: duplicates, nothing new.
    const again = await postEvents(JSON.stringify({ events }));
    expect(again.result.statusCode).toBe(200);
    expect(again.json).toEqual({ stored: [], duplicates: events.map((e) => e.id) });
  });

  it('POST /v1/events with a base64-encoded body (as API Gateway may deliver it) is decoded', async () => {
    const event = sampleEvents(CLINIC, 'lambda-b64', 'client-l2')[1];
    const { result, json } = await postEvents(JSON.stringify(event), { base64: true });
    expect(result.statusCode).toBe(200);
    expect(json.stored).toEqual([event.id]);
    expect((await clientTimeline(db, CLINIC, 'client-l2')).map((e) => e.id)).toEqual([event.id]);
  });

  it('POST /v1/events with one bad event answers 400 problem+json and stores nothing', async () => {
    const [enrolled, session] = sampleEvents(CLINIC, 'lambda-bad', 'client-l3');
    const body = JSON.stringify({ events: [enrolled, { ...session, status: 'maybe' }, { ...session, id: 'lambda-bad-free-text', note: 'free text' }] });
    const { result, headers, json } = await postEvents(body);
    expect(result.statusCode).toBe(400);
    expect(headers['content-type']).toBe('application/problem+json');
    expect(json).toMatchObject({ status: 400, title: 'Invalid request', type: expect.stringMatching(/^https:\/\//) });
    expect(json.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, path: expect.stringContaining('status') }),
        expect.objectContaining({ index: 2 }),
      ]),
    );
    expect(json.errors.every((e: { index: number }) => e.index !== 0)).toBe(true);
    expect(await clientTimeline(db, CLINIC, 'client-l3')).toEqual([]);
  });

  it('POST /v1/events with a malformed JSON body or without a key is a problem, not a crash', async () => {
    const malformed = await postEvents('{"events": [');
    expect(malformed.result.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toBe('application/problem+json');

    const anonymous = await invoke(
      apiEvent('POST /v1/events', { method: 'POST', path: '/v1/events', headers: { 'content-type': 'application/json' }, body: '{}' }),
    );
    expect(anonymous.result.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toBe('application/problem+json');
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
  });

  it('a people route verifies the bearer token itself: 200 signed, 401 without, 403 for the wrong role', async () => {
    const ok = await people('GET', 'ANY /v1/admin/{proxy+}', '/v1/admin/clinics', adminToken);
    expect(ok.result.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^application\/json/);
    expect(ok.json.clinics).toEqual([{ clinicId: CLINIC, timeZone: 'America/Chicago', researchConsent: true, updatedAt: expect.any(String) }]);

    const anonymous = await people('GET', 'ANY /v1/admin/{proxy+}', '/v1/admin/clinics', undefined);
    expect(anonymous.result.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toBe('application/problem+json');

    const forged = await signLocalToken(new TextEncoder().encode('not-the-secret'), { sub: 'x', role: 'admin' });
    expect((await people('GET', 'ANY /v1/admin/{proxy+}', '/v1/admin/clinics', forged)).result.statusCode).toBe(401);

    const director = await people('GET', 'ANY /v1/admin/{proxy+}', '/v1/admin/clinics', directorToken);
    expect(director.result.statusCode).toBe(403);
    expect(director.json).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('the metrics routes: 404 before the aggregation, 200 with the query string honoured after "run now"', async () => {
    const metrics = (query?: string) => people('GET', 'GET /v1/clinics/{proxy+}', `/v1/clinics/${CLINIC}/metrics`, directorToken, query);
    const before = await metrics();
    expect(before.result.statusCode).toBe(404);
    expect(before.headers['content-type']).toBe('application/problem+json');

    const started = await people('POST', 'ANY /v1/admin/{proxy+}', '/v1/admin/aggregations', adminToken);
    expect(started.result.statusCode).toBe(202);
    // The run is queued for a worker to coordinate: one message naming it.
    const sent = sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries!.map((e) => JSON.parse(e.MessageBody!)));
    expect(sent).toEqual([{ kind: 'coordinate', runId: started.json.runId }]);
    // What the workers would do with it, here in-process; then the run reads back through the API.
    await runAggregation(db, { runId: started.json.runId, settleMs: 0, overlapMs: 0 });
    const run = await people('GET', 'ANY /v1/admin/{proxy+}', `/v1/admin/aggregations/${started.json.runId}`, adminToken);
    expect(run.json).toMatchObject({ status: 'completed', report: { clinics: 1, clinicsRun: 1, eventsRead: 10 } });

    const after = await metrics();
    expect(after.result.statusCode).toBe(200);
    expect(after.json).toMatchObject({ clinicId: CLINIC, timeZone: 'America/Chicago', asOf: run.json.report.asOf, clients: 2 });
    expect(after.json.monthlyTrends.map((r: { period: string }) => r.period)).toEqual(['2025-03']);

    const ranged = await metrics('from=2025-04&to=2025-06');
    expect(ranged.result.statusCode).toBe(200);
    expect(ranged.json.monthlyTrends).toEqual([]);
    const reversed = await metrics('from=2025-06&to=2025-04');
    expect(reversed.result.statusCode).toBe(400);
    expect(reversed.headers['content-type']).toBe('application/problem+json');

    const health = await invoke(apiEvent('GET /v1/health', { method: 'GET', path: '/v1/health' }));
    expect(health.json.lastAggregationAt).toEqual(expect.any(String));
  });

  it('an unknown path answers a 404 problem', async () => {
    const { result, headers, json } = await people('GET', 'GET /v1/clinics/{proxy+}', `/v1/clinics/${CLINIC}/nothing-here`, directorToken);
    expect(result.statusCode).toBe(404);
    expect(headers['content-type']).toBe('application/problem+json');
    expect(json).toMatchObject({ status: 404 });
  });
});

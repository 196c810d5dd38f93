// The embedded database serves only callers holding its credential, and no web page at all: the
// audit log cannot be edited through it by anyone else on the machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  DYNAMO_CREDENTIAL_FILE,
  loadOrCreateDynamoCredential,
  publicEndpoint,
  startEmbeddedDynamoDb,
  withLocalCredential,
  type EmbeddedDynamoDb,
} from '../../functions/local/embedded-dynamodb.js';
import { createDocumentClient } from '../../functions/store/dynamodb-client.js';
import { ensureTable } from '../../functions/store/ensure-table.js';
import { appendAudit } from '../../functions/store/audit-log.js';
import { tableName } from '../../functions/store/table.js';

let dir: string;
let dynamo: EmbeddedDynamoDb;
let credential: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'embedded-'));
  credential = await loadOrCreateDynamoCredential(join(dir, DYNAMO_CREDENTIAL_FILE));
  dynamo = await startEmbeddedDynamoDb({ credential });
  process.env.TABLE_NAME = `embedded-${randomBytes(4).toString('hex')}`;
  const db = createDocumentClient(dynamo.endpoint);
  await ensureTable(db);
  await appendAudit(db, { at: '2026-11-25T10:00:00.000Z', actor: 'admin-1', role: 'admin', scope: ['c1'], action: 'ingest-key.create', purpose: 'operations' });
  db.destroy();
});
afterAll(async () => {
  await dynamo.close();
  await rm(dir, { recursive: true, force: true });
});

const plain = () => publicEndpoint(dynamo.endpoint);
const rawRequest = (target: string, body: unknown, headers: Record<string, string> = {}, method = 'POST') =>
  fetch(plain(), {
    method,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${target}`, ...headers },
    ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
  });

const auditItems = async () => {
  const db = createDocumentClient(dynamo.endpoint);
  const { Items } = await db.send(new ScanCommand({ TableName: tableName(), FilterExpression: 'begins_with(pk, :a)', ExpressionAttributeValues: { ':a': 'AUDIT#' } }));
  db.destroy();
  return Items!;
};

describe('the embedded database', () => {
  it('keeps its credential in a file only its owner can read, and the same one across starts', async () => {
    const file = join(dir, DYNAMO_CREDENTIAL_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateDynamoCredential(file)).toBe(credential);
    expect(credential.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses an unsigned raw request', async () => {
    const res = await rawRequest('Scan', { TableName: tableName() });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('AUDIT#');
  });

  it('refuses a request signed with another credential, so audit entries cannot be edited or deleted', async () => {
    const before = await auditItems();
    const intruder = createDocumentClient(`http://guessed-credential@${new URL(plain()).host}`);
    const [entry] = before;
    const attempts = [
      new UpdateCommand({ TableName: tableName(), Key: { pk: entry!.pk, sk: entry!.sk }, UpdateExpression: 'SET actor = :a', ExpressionAttributeValues: { ':a': 'someone-else' } }),
      new PutCommand({ TableName: tableName(), Item: { ...entry, actor: 'forged' } }),
      new DeleteCommand({ TableName: tableName(), Key: { pk: entry!.pk, sk: entry!.sk } }),
      new ScanCommand({ TableName: tableName() }),
    ];
    for (const command of attempts) {
      await expect(intruder.send(command as never)).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    }
    intruder.destroy();
    expect(await auditItems()).toEqual(before);
  });

  it('serves no web page: a request with an Origin is refused and no CORS header is sent', async () => {
    const preflight = await rawRequest('Scan', undefined, { origin: 'https://evil.example', 'access-control-request-method': 'POST' }, 'OPTIONS');
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    // Even with the credential: a page that learnt it still gets nothing it may read.
    const signedLike = await rawRequest('ListTables', {}, { origin: 'https://evil.example', authorization: `AWS4-HMAC-SHA256 Credential=${credential}/20261125/local/dynamodb/aws4_request` });
    expect(signedLike.status).toBe(403);
    expect(signedLike.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves a client given the endpoint with its credential, or the plain endpoint and the data folder', async () => {
    const db = createDocumentClient(await withLocalCredential(plain(), dir));
    expect((await db.send(new ScanCommand({ TableName: tableName(), Select: 'COUNT' }))).Count).toBeGreaterThan(0);
    db.destroy();
  });

  it('refuses at start a data folder another instance holds (a running npm start), and opens it once that one is closed', async () => {
    const folder = join(dir, 'held');
    const holder = await startEmbeddedDynamoDb({ path: folder });
    // dynalite opens its folder on the first request: one request, and the folder is held.
    const db = createDocumentClient(holder.endpoint);
    await ensureTable(db);
    db.destroy();
    await expect(startEmbeddedDynamoDb({ path: folder })).rejects.toThrow(/lock/i);
    await holder.close();
    const next = await startEmbeddedDynamoDb({ path: folder });
    const reopened = createDocumentClient(next.endpoint);
    expect((await reopened.send(new ScanCommand({ TableName: tableName(), Select: 'COUNT' }))).Count).toBe(0);
    reopened.destroy();
    await next.close();
  });
});

// DynamoDB served in-process by dynalite: persistent under a folder, or in memory for tests.
// dynalite itself accepts any request from anyone who can reach its port, and answers web pages
// with `Access-Control-Allow-Origin: *`. Here it serves only callers that hold its credential:
// the access key id of their SigV4 signature must be it, which only the local user can read
// (.data/dynamodb-credential, mode 0600). Requests from browsers (any `Origin`) are refused, so no
// CORS header is ever sent. The endpoint carries the credential as its URL's user part, the way a
// database URL does, and createDocumentClient takes it from there.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { Level } from 'level';

export interface EmbeddedDynamoDb {
  /** `http://<credential>@127.0.0.1:<port>`: pass it whole to createDocumentClient. */
  endpoint: string;
  close(): Promise<void>;
}

const SIGNED_BY = /\bCredential=([^/,\s]+)\//;

/** Where a data folder keeps the credential of its database. */
export const DYNAMO_CREDENTIAL_FILE = 'dynamodb-credential';

export const newDynamoCredential = () => randomBytes(24).toString('base64url');

/** The credential kept in `file` (mode 0600), created on first use. */
export async function loadOrCreateDynamoCredential(file: string): Promise<string> {
  const kept = await readDynamoCredential(file);
  if (kept) return kept;
  const credential = newDynamoCredential();
  await writeFile(file, credential, { mode: 0o600, flag: 'wx' });
  return credential;
}

export async function readDynamoCredential(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

function refuse(res: ServerResponse, message: string) {
  const body = JSON.stringify({ __type: 'com.amazon.coral.service#UnrecognizedClientException', message });
  res.writeHead(403, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

/** Passes a request to dynalite only when it is signed with the credential and comes from no web page. */
function guarded(serve: RequestListener, credential: string): RequestListener {
  const expected = Buffer.from(credential);
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.origin !== undefined) return refuse(res, 'Requests from web pages are not served.');
    const signedBy = Buffer.from(SIGNED_BY.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (signedBy.length !== expected.length || !timingSafeEqual(signedBy, expected)) {
      return refuse(res, 'The request is not signed with the local credential (.data/dynamodb-credential).');
    }
    serve(req, res);
  };
}

export async function startEmbeddedDynamoDb(
  options: { path?: string; port?: number; credential?: string } = {},
): Promise<EmbeddedDynamoDb> {
  if (options.path) await openableFolder(options.path);
  const credential = options.credential ?? newDynamoCredential();
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const [serve] = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', guarded(serve!, credential));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${credential}@127.0.0.1:${port}`,
    // dynalite's close also closes its LevelDB, so every acknowledged write is on disk.
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * Rejects when the folder's LevelDB cannot be opened, above all when another process (a running
 * `npm start`) holds its lock. dynalite opens it only on its first request and throws from its
 * request handler, where no caller can catch it: the process would die with "Database is closed".
 */
async function openableFolder(path: string): Promise<void> {
  const db = new Level(path);
  try {
    await db.open();
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    throw new Error(cause?.message ?? (error as Error).message);
  }
  await db.close();
}

/** The endpoint without its credential, for printing. */
export const publicEndpoint = (endpoint: string) => {
  const url = new URL(endpoint);
  url.username = '';
  url.password = '';
  return url.origin;
};

/** A local endpoint with the credential kept in `dataDir`, unless it carries one already. */
export async function withLocalCredential(endpoint: string, dataDir: string): Promise<string> {
  const url = new URL(endpoint);
  const credential = url.username ? undefined : await readDynamoCredential(join(dataDir, DYNAMO_CREDENTIAL_FILE));
  return credential ? `${url.protocol}//${credential}@${url.host}` : endpoint;
}

// The local platform signs people's tokens with an HS256 secret: JWT_SECRET, or a random one kept
// in the data folder (mode 0600) so that tokens survive a restart and `npm run token` can sign too.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const secretFile = (dataDir: string) => join(dataDir, 'jwt-secret');

export async function readJwtSecret(dataDir: string, configured?: string): Promise<Uint8Array | undefined> {
  if (configured) return new TextEncoder().encode(configured);
  try {
    return Buffer.from(await readFile(secretFile(dataDir), 'utf8'), 'base64url');
  } catch {
    return undefined;
  }
}

export async function loadOrCreateJwtSecret(dataDir: string, configured?: string): Promise<Uint8Array> {
  const kept = await readJwtSecret(dataDir, configured);
  if (kept) return kept;
  const secret = randomBytes(32);
  await writeFile(secretFile(dataDir), secret.toString('base64url'), { mode: 0o600 });
  return secret;
}

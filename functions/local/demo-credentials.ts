// Sign-in tokens for the demo roles and the demo clinics' ingest keys. Ingest key secrets are
// stored only hashed, so the local credentials file is the one place a restart can find them.
import { readFile, writeFile } from 'node:fs/promises';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { signLocalToken } from '../api/auth/token-verifier.js';
import { createIngestKey, findIngestKey } from '../store/ingest-keys.js';
import type { SyntheticClinic } from '../synthetic/index.js';
import type { Role } from '../api/auth/principal.js';

export const demoCredentialsSchema = z.object({
  baseUrl: z.string(),
  tokens: z.record(z.string(), z.string()),
  ingestKeys: z.record(z.string(), z.string()),
});
export type DemoCredentials = z.infer<typeof demoCredentialsSchema>;

export async function readDemoCredentials(file: string): Promise<DemoCredentials | undefined> {
  try {
    return demoCredentialsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return undefined;
  }
}

export async function writeDemoCredentials(file: string, credentials: DemoCredentials): Promise<void> {
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
}

/** The key remembered for a clinic if the store still knows it, else a new one. */
export async function ingestKeyFor(db: DynamoDBDocumentClient, remembered: Record<string, string>, clinicId: string, now: Date) {
  const known = remembered[clinicId];
  if (known && (await findIngestKey(db, known))?.clinicId === clinicId) return known;
  return (await createIngestKey(db, clinicId, now.toISOString())).secret;
}

export type DemoPerson = {
  personId: string;
  role: Role;
  label: string;
  /** What the person may see, in words, for the sign-in page. */
  scope: string;
  claims: { sub: string; role: Role; clinics?: string[]; counselorId?: string };
};

/** One demo person per role: a director of the first clinic, a counselor there, an admin, a researcher. */
export function demoPeople(clinics: SyntheticClinic[], counselorId: string): DemoPerson[] {
  const first = clinics[0]!.clinicId;
  return [
    { personId: 'demo-director', role: 'director', label: 'Director', scope: `clinic ${first} and the network benchmark`, claims: { sub: 'demo-director', role: 'director', clinics: [first] } },
    { personId: 'demo-counselor', role: 'counselor', label: 'Counselor', scope: `caseload of ${counselorId} at ${first}`, claims: { sub: 'demo-counselor', role: 'counselor', clinics: [first], counselorId } },
    { personId: 'demo-researcher', role: 'researcher', label: 'Researcher', scope: 'suppressed aggregates of consenting clinics', claims: { sub: 'demo-researcher', role: 'researcher' } },
    { personId: 'demo-admin', role: 'admin', label: 'Admin', scope: 'clinics, ingest keys, aggregation, audit log', claims: { sub: 'demo-admin', role: 'admin' } },
  ];
}

// People's tokens live at most 24 h (SPEC §6); the sign-in page mints fresh ones at any time.

export async function demoTokens(secret: Uint8Array, people: DemoPerson[]): Promise<Record<Role, string>> {
  const tokens = await Promise.all(people.map(async (p) => [p.role, await signLocalToken(secret, p.claims)] as const));
  return Object.fromEntries(tokens) as Record<Role, string>;
}

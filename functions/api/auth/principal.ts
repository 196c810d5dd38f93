import { problems } from '../problem.js';

export const roles = ['admin', 'director', 'counselor', 'researcher'] as const;
export type Role = (typeof roles)[number];

/** Who is calling, as established from a verified token or key — never from the URL or body. */
export type Principal =
  | { kind: 'person'; subject: string; role: Role; clinics: string[]; counselorId?: string }
  | { kind: 'ingest'; keyId: string; clinicId: string };

/** What a route admits: a person's role, or a clinic system's ingest key. */
export type Caller = Role | 'ingest';

export const callerOf = (p: Principal): Caller => (p.kind === 'ingest' ? 'ingest' : p.role);

/** A signed-in person, as opposed to a clinic system's ingest key. */
export type Person = Extract<Principal, { kind: 'person' }>;

/** The caller as a person; an ingest key is refused (403). */
export function requirePerson(principal: Principal | undefined): Person {
  if (principal?.kind !== 'person') throw problems.forbidden('People only.');
  return principal;
}

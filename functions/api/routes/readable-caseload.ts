// Who may read a counselor's client-level data (SPEC §6): the counselor themself, and the
// directors of the counselor's clinic. Anything else is a 404, so that nobody learns whether a
// counselor or client exists outside their scope.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { canReadCaseload } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { problems } from '../problem.js';
import { getCounselorViews, type CounselorView } from '../../store/counselor-views.js';
import { appendAudit, type AuditEntry, type AuditPurpose } from '../../store/audit-log.js';

type Person = Extract<Principal, { kind: 'person' }>;

export function requirePerson(principal: Principal | undefined): Person {
  if (principal?.kind !== 'person') throw problems.forbidden('People only.');
  return principal;
}

/**
 * The stored view of a counselor the caller may read: their own as a counselor, or one in the
 * director's clinics (`clinicId` picks the clinic when the same counselor id exists in several).
 */
export async function readableCounselorView(
  db: DynamoDBDocumentClient,
  principal: Person,
  counselorId: string,
  clinicId: string | undefined,
): Promise<CounselorView> {
  if (!canReadCaseload(principal, counselorId, clinicId)) throw problems.notFound('No such counselor in your scope.');
  const [view] = await getCounselorViews(db, clinicId ? [clinicId] : principal.clinics, counselorId);
  if (!view) throw problems.notFound('No caseload for this counselor: unknown in your clinics, or not aggregated yet.');
  return view;
}

/** A client is readable through a counselor only while on that counselor's caseload (an open episode). */
export function requireOnCaseload(view: CounselorView, clientId: string): void {
  if (!view.caseload.rows.some((row) => row.clientId === clientId)) throw problems.notFound('No such client on this caseload.');
}

/** SPEC §7: every read of client-level data is audited: who, role, scope, whose data, why, how many rows. */
export function auditClientLevelRead(
  db: DynamoDBDocumentClient,
  principal: Person,
  read: { at: string; clinicId: string; action: string; subject: NonNullable<AuditEntry['subject']>; purpose: AuditPurpose; rows: number },
): Promise<void> {
  return appendAudit(db, {
    at: read.at,
    actor: principal.subject,
    role: principal.role,
    scope: [read.clinicId],
    action: read.action,
    subject: read.subject,
    purpose: read.purpose,
    rows: read.rows,
  });
}

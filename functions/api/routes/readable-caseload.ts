// Who may read a counselor's client-level data (SPEC §6): the counselor themself, and the
// directors of the counselor's clinic. Anything else is a 404, so that nobody learns whether a
// counselor or client exists outside their scope.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { canReadCaseload, canReadClientThrough } from '../auth/permissions.js';
import type { Person } from '../auth/principal.js';
import { problems } from '../problem.js';
import type { ClientState } from '../../store/client-states.js';
import { getCounselorFoldHead, getCounselorView, type CounselorFoldHead, type CounselorView } from '../../store/counselor-views.js';
import { appendAudit, type AuditEntry, type AuditPurpose } from '../../store/audit-log.js';

/** The clinics to look for the counselor in: `clinicId` when given (the same counselor id may exist in several). */
function readableClinics(principal: Person, counselorId: string, clinicId: string | undefined): string[] {
  if (!canReadCaseload(principal, counselorId, clinicId)) throw problems.notFound('No such counselor in your scope.');
  return clinicId ? [clinicId] : principal.clinics;
}

function found<T>(view: T | undefined): T {
  if (!view) throw problems.notFound('No caseload for this counselor: unknown in your clinics, or not aggregated yet.');
  return view;
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
  return found(await getCounselorView(db, readableClinics(principal, counselorId, clinicId), counselorId));
}

/** As readableCounselorView, without the caseload: the clinic, zone and as-of time only. */
export async function readableCounselorFold(
  db: DynamoDBDocumentClient,
  principal: Person,
  counselorId: string,
  clinicId: string | undefined,
): Promise<CounselorFoldHead> {
  return found(await getCounselorFoldHead(db, readableClinics(principal, counselorId, clinicId), counselorId));
}

/** The client's state, if the client may be read through this counselor (canReadClientThrough); else a 404. */
export function requireOnCaseload(state: ClientState | undefined, counselorId: string): ClientState {
  if (!state || !canReadClientThrough(state, counselorId)) throw problems.notFound('No such client on this caseload.');
  return state;
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

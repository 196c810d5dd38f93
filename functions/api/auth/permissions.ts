// The access rules of SPEC §6 as named questions, one module, like umami's canViewWebsite: route
// handlers and the `allow` middleware ask these and turn a "no" into 403 or 404; none decides itself.
import type { Caller, Principal } from './principal.js';
import { callerOf } from './principal.js';
import type { ClientState } from '../../store/client-states.js';

/** Whether the route admits this kind of caller at all (else 403). */
export const isAdmitted = (principal: Principal, callers: readonly Caller[]): boolean => callers.includes(callerOf(principal));

/** Whether a clinic is in the caller's scope (else 404, so that its existence is not revealed). */
export function canAccessClinic(principal: Principal, clinicId: string): boolean {
  if (principal.kind === 'ingest') return principal.clinicId === clinicId;
  return principal.role === 'admin' || principal.clinics.includes(clinicId);
}

/** A counselor reads only their own caseload; a director those of their clinics (`clinicId` when given). */
export function canReadCaseload(principal: Principal, counselorId: string, clinicId?: string): boolean {
  if (principal.kind !== 'person' || !['counselor', 'director'].includes(principal.role)) return false;
  if (principal.role === 'counselor' && principal.counselorId !== counselorId) return false;
  return clinicId === undefined || canAccessClinic(principal, clinicId);
}

/**
 * A client is readable through a counselor (whose caseload the caller may read) only while on that
 * counselor's caseload, in an open episode: what the client's state says, written with its caseload
 * row by the same clinic task.
 */
export const canReadClientThrough = (state: Pick<ClientState, 'onCaseload' | 'counselorId'>, counselorId: string): boolean =>
  state.onCaseload === true && state.counselorId === counselorId;

/** Per-counselor comparisons are for the clinic's director, who supervises them; an admin sees the clinic's. */
export const canSeeCounselorComparisons = (principal: Principal): boolean => principal.kind === 'person' && principal.role === 'director';

/** Whether the caller may write events for the clinic an event names. */
export const canIngestFor = (principal: Principal, clinicId: string): boolean => principal.kind === 'ingest' && principal.clinicId === clinicId;

// Why a caller reads client-level data, for the audit log (SPEC §7). A caller may state it with
// the `purpose` query parameter; otherwise it follows from the role: a counselor's reads are for
// treatment, a director's and an admin's for operations (supervision is health care operations,
// 45 CFR 164.501), a researcher's for research.
import { z } from '@hono/zod-openapi';
import type { Person, Role } from './auth/principal.js';
import { auditPurposes, type AuditPurpose } from '../store/audit-log.js';

const defaultPurpose: Record<Role, AuditPurpose> = {
  counselor: 'treatment',
  director: 'operations',
  admin: 'operations',
  researcher: 'research',
};

export const purposeParam = z
  .enum(auditPurposes)
  .optional()
  .openapi({ param: { name: 'purpose', in: 'query' }, description: 'Why you read it, for the audit log; defaults by role' });

export function purposeOf(principal: Person, stated: AuditPurpose | undefined): AuditPurpose {
  return stated ?? defaultPurpose[principal.role];
}

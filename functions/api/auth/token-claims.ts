// One claims contract for both issuers: local HS256 tokens carry plain claims, Cognito ID tokens
// carry the same as custom attributes (strings only, so clinics are comma-separated there).
import { z } from 'zod';
import { idSchema } from '../../events/schema.js';
import { roles } from './principal.js';

const clinicList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(idSchema),
);

export const tokenClaimsSchema = z
  .object({
    sub: z.string().min(1),
    role: z.enum(roles).optional(),
    clinics: clinicList.optional(),
    counselorId: idSchema.optional(),
    'custom:role': z.enum(roles).optional(),
    'custom:clinics': clinicList.optional(),
    'custom:counselorId': idSchema.optional(),
  })
  .transform((c) => ({
    subject: c.sub,
    role: c.role ?? c['custom:role'],
    clinics: c.clinics ?? c['custom:clinics'] ?? [],
    counselorId: c.counselorId ?? c['custom:counselorId'],
  }))
  .refine((c) => c.role !== undefined, { message: 'the token carries no role' })
  .refine((c) => c.role !== 'counselor' || (c.counselorId !== undefined && c.clinics.length === 1), {
    message: 'a counselor token names exactly one clinic and a counselor id',
  });

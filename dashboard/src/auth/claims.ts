// What the dashboard reads from a token, to choose views and links. The API verifies every token;
// this is only for navigation, so the payload is decoded, not verified. Cognito ID tokens carry the
// same claims as custom attributes, with clinics comma-separated (functions/api/auth/token-claims.ts).
import * as z from 'zod/mini';

const roles = ['admin', 'director', 'counselor', 'researcher'] as const;
export type Role = (typeof roles)[number];

const clinicList = z.pipe(
  z.union([z.string(), z.array(z.string())]),
  z.transform((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v)),
);

const payloadSchema = z.object({
  sub: z.string(),
  exp: z.optional(z.number()),
  role: z.optional(z.enum(roles)),
  clinics: z.optional(clinicList),
  counselorId: z.optional(z.string()),
  'custom:role': z.optional(z.enum(roles)),
  'custom:clinics': z.optional(clinicList),
  'custom:counselorId': z.optional(z.string()),
});

export type Claims = { subject: string; role: Role; clinics: string[]; counselorId?: string; expiresAt?: number };

export function claimsOf(token: string): Claims | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const bytes = Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const parsed = payloadSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    if (!parsed.success) return undefined;
    const p = parsed.data;
    const role = p.role ?? p['custom:role'];
    if (!role) return undefined;
    const counselorId = p.counselorId ?? p['custom:counselorId'];
    return {
      subject: p.sub,
      role,
      clinics: p.clinics ?? p['custom:clinics'] ?? [],
      ...(counselorId ? { counselorId } : {}),
      ...(p.exp ? { expiresAt: p.exp * 1000 } : {}),
    };
  } catch {
    return undefined;
  }
}

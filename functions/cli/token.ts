// `npm run token -- --role admin [--clinics A,B] [--counselor ID] [--subject NAME] [--hours N]`:
// a sign-in token for the local platform, signed with its secret (JWT_SECRET, or the one `npm start`
// keeps in DATA_DIR). How a real, non-demo local deployment gets its first admin (README).
import { commandLine } from './command-line.js';
import { signLocalToken } from '../api/auth/token-verifier.js';
import { tokenClaimsSchema } from '../api/auth/token-claims.js';
import { readJwtSecret } from '../local/jwt-secret.js';

const usage = `usage: npm run token -- --role admin|director|counselor|researcher [--clinics A,B] [--counselor ID] [--subject NAME] [--hours 1-24]
  director: --clinics names their clinics; counselor: one clinic and --counselor`;

const { values, fail, integer } = commandLine(usage, {
  role: { type: 'string' },
  clinics: { type: 'string' },
  counselor: { type: 'string' },
  subject: { type: 'string' },
  hours: { type: 'string' },
});
const hours = integer('hours', 24, 1, 24);
const dataDir = process.env.DATA_DIR ?? '.data';
const secret =
  (await readJwtSecret(dataDir, process.env.JWT_SECRET)) ??
  fail(`No signing secret in ${dataDir}: start the platform once (npm start), or set JWT_SECRET as it runs with.`);

const claims = {
  sub: values.subject ?? `local-${values.role ?? 'user'}`,
  role: values.role,
  ...(values.clinics ? { clinics: values.clinics.split(',').map((c) => c.trim()) } : {}),
  ...(values.counselor ? { counselorId: values.counselor } : {}),
};
// The same contract the API verifies: a token this prints is one it accepts.
const checked = tokenClaimsSchema.safeParse(claims);
if (!checked.success) fail(checked.error.issues.map((i) => `${i.path.join('.') || 'token'}: ${i.message}`).join('\n'));
console.error(`A ${values.role} token, good for ${hours} h; send it as "Authorization: Bearer <token>":`);
console.log(await signLocalToken(secret, { ...claims, role: values.role! }, { now: new Date(), lifetimeSeconds: hours * 3600 }));

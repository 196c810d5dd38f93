// Two bodies are "the same event" when their parsed, defaulted forms are equal, whatever the key
// order or an omitted default: a weight of 1 sent or left out is the same goal.
import { createHash } from 'node:crypto';

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function eventFingerprint(event: object): string {
  return createHash('sha256').update(canonicalJson(event)).digest('base64url');
}

// Two bodies are "the same event" when their parsed forms are equal, whatever the key order or an
// omitted default (a weight of 1 sent or left out is the same goal). Zod builds a parsed object in
// its schema's key order and fills defaults, so the JSON of a parsed event is already canonical.
import { createHash } from 'node:crypto';
import type { Event } from './schema.js';

export function eventFingerprint(parsed: Event): string {
  return createHash('sha256').update(JSON.stringify(parsed)).digest('base64url');
}

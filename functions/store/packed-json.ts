// Metric payloads are stored gzipped as a binary attribute: summaries compress about 15×, which
// keeps items far under DynamoDB's 400 KB and reads cheap in read units.
import { gunzipSync, gzipSync } from 'node:zlib';

export const packJson = (value: unknown): Uint8Array => gzipSync(JSON.stringify(value));

export const unpackJson = <T>(packed: Uint8Array): T => JSON.parse(gunzipSync(packed).toString('utf8')) as T;

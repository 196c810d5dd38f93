// Metric payloads are stored compressed as a binary attribute: summaries and event sets compress
// 4–15×, which keeps items far under DynamoDB's 400 KB and reads and writes cheap in capacity
// units. Brotli at quality 5 packs these small JSON documents about 20% smaller than gzip level 1
// for about twice its (sub-millisecond) time (measured on synthetic client states: 728 vs 914
// bytes a client). Items packed with gzip by earlier versions are still read: gzip streams start
// with 0x1f 0x8b (RFC 1952 §2.3.1), while a brotli stream with the default 22-bit window starts
// with a byte whose low four bits are 0xb (its WBITS field, RFC 7932 §9.1).
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';

const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };

export const packJson = (value: unknown): Uint8Array => brotliCompressSync(JSON.stringify(value), BROTLI);

const isGzip = (packed: Uint8Array) => packed[0] === 0x1f && packed[1] === 0x8b;

export const unpackJson = <T>(packed: Uint8Array): T => JSON.parse((isGzip(packed) ? gunzipSync(packed) : brotliDecompressSync(packed)).toString('utf8')) as T;

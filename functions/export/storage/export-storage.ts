// Where export files go: a small seam with two implementations, the local folder (.data/exports/)
// and S3 (lib-storage Upload). Everything above it streams bytes and never knows which it is.
import { createHash } from 'node:crypto';

export interface ByteSink {
  /** Resolves when the chunk may be reused and the sink is ready for more (backpressure). */
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface ExportStorage {
  /** A new object at `key` (e.g. `<exportId>/clients/part-C….csv`), written as a stream. */
  create(key: string): ByteSink;
  /** A small object whole (the manifest). */
  read(key: string): Promise<Uint8Array>;
}

export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** Counts and hashes what passes through, so no file is read twice for its checksum. */
export function checksummed(sink: ByteSink) {
  const hash = createHash('sha256');
  let bytes = 0;
  return {
    write(chunk: Uint8Array) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      return sink.write(chunk);
    },
    async close(): Promise<{ bytes: number; sha256: string }> {
      await sink.close();
      return { bytes, sha256: hash.digest('hex') };
    },
  };
}

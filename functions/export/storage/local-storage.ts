// Export files on the local disk, under a root folder (`.data/exports/` for `npm start`).
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { once } from 'node:events';
import type { ByteSink, ExportStorage } from './export-storage.js';

export function localExportStorage(root: string): ExportStorage & { pathOf(key: string): string } {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(join(base, key));
    // Keys are built by the export code, never taken from a request; this only guards a mistake.
    if (!path.startsWith(base + sep)) throw new RangeError(`export key outside the export folder: ${key}`);
    return path;
  };
  return {
    pathOf,
    create(key): ByteSink {
      const path = pathOf(key);
      const opened = mkdir(dirname(path), { recursive: true }).then(() => createWriteStream(path));
      return {
        async write(chunk) {
          const stream = await opened;
          if (!stream.write(chunk)) await once(stream, 'drain');
        },
        async close() {
          const stream = await opened;
          await new Promise<void>((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done())));
        },
      };
    },
    read: async (key) => new Uint8Array(await readFile(pathOf(key))),
  };
}

// Exports on one machine: runs go in the background, one at a time, files under a local folder and
// downloads streamed through the API. `idle()` lets tests and shutdown wait for the runs in flight.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExportHost } from './export-host.js';
import { exportFileKey } from './export-plan.js';
import { readManifest } from './finalize-export.js';
import { runExport } from './run-export.js';
import { localExportStorage } from './storage/local-storage.js';

export function localExportHost(
  db: DynamoDBDocumentClient,
  root: string,
  now: () => Date,
  onError: (error: unknown) => void = console.error,
): ExportHost & { idle(): Promise<void> } {
  const storage = localExportStorage(root);
  let queue: Promise<void> = Promise.resolve();
  return {
    async start(plan) {
      queue = queue.then(() => runExport({ db, storage, now }, plan).then(() => undefined, onError));
    },
    idle: () => queue,
    readManifest: (exportId) => readManifest(storage, exportId),
    async download(exportId, path) {
      const file = storage.pathOf(exportFileKey(exportId, path));
      return { body: createReadStream(file), bytes: (await stat(file)).size };
    },
  };
}

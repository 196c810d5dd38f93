// Text formats gather lines into chunks of about 256 KB before writing: one write per row would
// spend the time in the stream machinery, one write per file would hold the file in memory.
import type { Sink } from './table-writer.js';

const CHUNK_CHARS = 256 * 1024;

export function textChunker(sink: Sink) {
  let pending = '';
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = Buffer.from(pending, 'utf8');
    pending = '';
    await sink.write(chunk);
  };
  return {
    async add(text: string) {
      pending += text;
      if (pending.length >= CHUNK_CHARS) await flush();
    },
    flush,
  };
}

// The export CLI's progress: a redrawn bar on a terminal, plain lines otherwise (CI logs, pipes).
const WIDTH = 30;

export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  return (done: number, total: number) => {
    if (!stream.isTTY) {
      stream.write(`clinic ${done}/${total} exported\n`);
      return;
    }
    const filled = total === 0 ? WIDTH : Math.round((WIDTH * done) / total);
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} clinics${done === total ? '\n' : ''}`);
  };
}

/** The closing summary: where the files are, what they hold, and what privacy protection took out. */
export function manifestSummary(out: string, job: { exportId: string; summary?: { rows: Record<string, number>; suppression: Record<string, number>; files: number; manifestSha256: string } }): string {
  const s = job.summary!;
  const rows = Object.entries(s.rows).map(([table, n]) => `  ${table.padEnd(18)} ${n.toLocaleString('en')} rows`);
  const suppression = Object.entries(s.suppression).map(([what, n]) => `  ${what.padEnd(18)} ${n.toLocaleString('en')}`);
  return [
    `Export ${job.exportId}: ${s.files} files in ${out}`,
    ...rows,
    'Generalisation and suppression:',
    ...suppression,
    `manifest.json SHA-256 ${s.manifestSha256}`,
  ].join('\n');
}

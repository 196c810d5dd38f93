// Polling an aggregation run: read until it completes or fails, each status reported, the waits
// between reads backing off to a ceiling; the waits are injected, so no real time passes.
import { describe, expect, it } from 'vitest';
import { type AggregationRun, pollRun } from '../../../dashboard/src/api/admin-api.js';

const runId = '0b5a2f0e-8d0e-4f4e-9a51-3f1f7f6c2d10';

/** Answers the given statuses in turn, and records every wait the poll asks for. */
function script(statuses: AggregationRun['status'][]) {
  const waits: number[] = [];
  let reads = 0;
  const read = async (): Promise<AggregationRun> => {
    const status = statuses[Math.min(reads++, statuses.length - 1)]!;
    return status === 'failed' ? { runId, status, error: 'clinic riverside: lease lost' } : { runId, status };
  };
  return { read, waits, wait: async (ms: number) => void waits.push(ms), reads: () => reads };
}

describe('pollRun', () => {
  it('reads until the run completes, reporting each status, with waits that double up to 5 s', async () => {
    const statuses: AggregationRun['status'][] = ['queued', 'running', 'running', 'running', 'running', 'running', 'running', 'completed'];
    const s = script(statuses);
    const seen: string[] = [];
    const outcome = await pollRun(s.read, (run) => seen.push(run.status), s.wait);
    expect(outcome).toEqual({ runId, status: 'completed' });
    expect(seen).toEqual(statuses);
    expect(s.waits).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('stops at a failed run and hands back its error', async () => {
    const s = script(['running', 'failed', 'completed']);
    const outcome = await pollRun(s.read, () => {}, s.wait);
    expect(outcome).toMatchObject({ status: 'failed', error: 'clinic riverside: lease lost' });
    expect(s.reads()).toBe(2);
    expect(s.waits).toEqual([250]);
  });

  it('does not wait when the first read already has the outcome', async () => {
    const s = script(['completed']);
    await pollRun(s.read, () => {}, s.wait);
    expect(s.waits).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { watch } from '../../../dashboard/src/api/watch.js';

// The readings a watched export goes through; the wait is recorded, never slept.
function source(readings: number[]) {
  let next = 0;
  return { read: async () => readings[Math.min(next++, readings.length - 1)]!, reads: () => next };
}

describe('watch', () => {
  it('reads until settled, reporting each reading and waiting the given delays between reads', async () => {
    const { read, reads } = source([10, 40, 100, 100]);
    const waited: number[] = [];
    const seen: number[] = [];
    const last = await watch(read, {
      settled: (p) => p === 100,
      onReading: (p) => seen.push(p),
      stopped: () => false,
      delayMs: (attempt) => 1000 * (attempt + 1),
      wait: async (ms) => void waited.push(ms),
    });
    expect(last).toBe(100);
    expect(seen).toEqual([10, 40, 100]);
    expect(waited).toEqual([1000, 2000]);
    expect(reads()).toBe(3);
  });

  it('stops reading once stopped, during a wait', async () => {
    const { read, reads } = source([10, 20, 30]);
    let left = false;
    await watch(read, {
      settled: () => false,
      onReading: () => {},
      stopped: () => left,
      delayMs: () => 1000,
      wait: async () => {
        left = true;
      },
    });
    expect(reads()).toBe(1);
  });

  it('rejects with the failed read', async () => {
    const failing = async (): Promise<number> => {
      throw new Error('503');
    };
    await expect(watch(failing, { settled: () => false, onReading: () => {}, stopped: () => false, delayMs: () => 1, wait: async () => {} })).rejects.toThrow('503');
  });
});

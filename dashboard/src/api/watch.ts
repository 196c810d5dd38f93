// Polling with an injectable wait: the page waits on real timers, the unit tests on none.
export type Wait = (ms: number) => Promise<void>;

const timerWait: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads until a reading is settled or the watcher is stopped (its view left the page), handing
 * each reading to `onReading` and waiting `delayMs(attempt)` between reads. Resolves with the
 * last reading; a failed read rejects.
 */
export async function watch<T>(
  read: () => Promise<T>,
  options: { settled: (reading: T) => boolean; onReading: (reading: T) => void; stopped: () => boolean; delayMs: (attempt: number) => number; wait?: Wait },
): Promise<T> {
  const wait = options.wait ?? timerWait;
  for (let attempt = 0; ; attempt += 1) {
    const reading = await read();
    options.onReading(reading);
    if (options.settled(reading) || options.stopped()) return reading;
    await wait(options.delayMs(attempt));
    if (options.stopped()) return reading;
  }
}

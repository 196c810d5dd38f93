// The SDK already retries a throttled call a few times; a burst that outlasts those attempts is
// retried here, with exponential backoff and full jitter (AWS Architecture Blog, "Exponential
// Backoff and Jitter", 2015), so that a busy table slows ingest down instead of failing it.
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

export const BASE_DELAY_MS = 25;
const MAX_DELAY_MS = 2_000;
export const MAX_ROUNDS = 12;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full-jitter delay before retry round `round` (1-based). */
export const backoffDelay = (round: number) => Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** round);

export const isThrottling = (error: unknown) => error instanceof Error && THROTTLING.has(error.name);

export async function retryThrottled<T>(operation: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await operation();
    } catch (error) {
      if (!isThrottling(error) || round >= MAX_ROUNDS) throw error;
      await sleep(backoffDelay(round));
    }
  }
}

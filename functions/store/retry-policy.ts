// One layer of retries. Every DynamoDB call is retried by the client's own attempt loop, with the
// strategy below and nothing around it, so attempts never multiply. The delay is exponential
// backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter", 2015): a busy
// table slows ingest down instead of failing it. Items a batch call hands back unprocessed are not
// an error the SDK sees; the batch helpers retry them in rounds that wait with the same backoff.
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

const BASE_DELAY_MS = 25;
const MAX_DELAY_MS = 2_000;
/** Attempts of one call, the first included. */
export const MAX_ATTEMPTS = 8;
/** Rounds of a batch call's unprocessed items. */
export const MAX_ROUNDS = 12;

/** How long to wait before retry `attempt` (1-based). Tests inject one that answers 0. */
export type RetryDelay = (attempt: number) => number;
export const fullJitter: RetryDelay = (attempt) => Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);

/** Waits before unprocessed-items round `round`; tests inject one that returns at once. */
export type Pause = (round: number) => Promise<void>;
export const backoffPause: Pause = (round) => new Promise((resolve) => setTimeout(resolve, fullJitter(round)));

type RetryStrategy = Extract<NonNullable<DynamoDBClientConfig['retryStrategy']>, { acquireInitialRetryToken: unknown }>;

/** The SDK's retry strategy (its V2 interface): throttling, transient and server errors are retried. */
export function retryStrategy(delay: RetryDelay = fullJitter): RetryStrategy {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => (count === 0 ? 0 : delay(count)) });
  return {
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous, { errorType }) => {
      const next = previous.getRetryCount() + 1;
      if (errorType === 'CLIENT_ERROR' || next >= MAX_ATTEMPTS) throw new Error('no more attempts');
      return token(next);
    },
    recordSuccess: () => {},
  };
}

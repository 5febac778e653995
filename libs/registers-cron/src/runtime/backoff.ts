import type { ResolvedRetry } from '../interfaces/job-definition.interface';

/**
 * Delay before the attempt after `failedAttempt` (1-based): fixed → backoff;
 * exponential → backoff × 2^(failedAttempt−1), capped by maxBackoffSeconds; plus a random
 * 0..jitterSeconds. `random` is injectable so tests can pin the jitter.
 */
export function retryDelayMs(
  retry: ResolvedRetry,
  failedAttempt: number,
  random: () => number = Math.random,
): number {
  if (retry.policy === 'none') return 0;
  let seconds =
    retry.policy === 'fixed'
      ? retry.backoffSeconds
      : retry.backoffSeconds * 2 ** Math.max(0, failedAttempt - 1);
  if (retry.maxBackoffSeconds !== undefined) seconds = Math.min(seconds, retry.maxBackoffSeconds);
  seconds += retry.jitterSeconds * random();
  return Math.round(seconds * 1000);
}

/** What a failed attempt leads to: another attempt, or the event's final status. */
export function afterFailure(
  retry: ResolvedRetry,
  attempt: number,
  maxAttempts: number,
): 'retry' | 'failed' | 'dead_letter' {
  if (retry.policy === 'none') return 'failed';
  return attempt < maxAttempts ? 'retry' : 'dead_letter';
}

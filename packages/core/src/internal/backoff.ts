// Neutral: used by the HTTP engine's retries and the session's refresh retries, imported by both.

/** Shape of an exponential backoff: the first delay and the longest one. */
export interface BackoffOptions {
  baseMs: number
  capMs: number
}

/** Refresh retries: 1 s, 2 s, 4 s … up to a minute. */
const REFRESH_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 60_000 }

/**
 * Delay before retry number `attempt` (1-based): exponential, capped, with "equal jitter" (half fixed,
 * half random) so many tabs or clients that failed together do not come back together, yet none retries
 * immediately. A server's Retry-After is a floor. Defaults to the refresh schedule; the HTTP layer passes
 * its own, shorter one.
 */
export function backoffDelay(
  attempt: number,
  retryAfterSeconds?: number,
  random = Math.random,
  { baseMs, capMs } = REFRESH_BACKOFF,
): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1))
  const jittered = exponential / 2 + random() * (exponential / 2)
  return Math.ceil(Math.max(jittered, (retryAfterSeconds ?? 0) * 1000))
}

const BASE_MS = 1_000
const CAP_MS = 60_000

/**
 * Delay before retry number `attempt` (1-based) of a failed refresh: exponential, capped at a minute,
 * with "equal jitter" (half fixed, half random) so many tabs or clients that failed together do not
 * come back together, yet none retries immediately. A server's Retry-After is a floor.
 */
export function backoffDelay(attempt: number, retryAfterSeconds?: number, random = Math.random): number {
  const exponential = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1))
  const jittered = exponential / 2 + random() * (exponential / 2)
  return Math.ceil(Math.max(jittered, (retryAfterSeconds ?? 0) * 1000))
}

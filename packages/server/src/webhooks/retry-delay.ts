/**
 * The delay before retrying a webhook delivery whose attempt number `attempt` (1 for the first) failed:
 * exponential, `baseDelayMs × 2^(attempt-1)`, with jitter — drawn uniformly between half and all of it — so
 * that deliveries that failed together (a receiver that was down) do not all come back at the same moment.
 *
 * @example
 * ```ts
 * retryDelay(3, 1000) // between 2000 and 4000
 * ```
 */
export function retryDelay(attempt: number, baseDelayMs: number, random: () => number = Math.random): number {
  const full = baseDelayMs * 2 ** (attempt - 1)
  return Math.round(full / 2 + (full / 2) * random())
}

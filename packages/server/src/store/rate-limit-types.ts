// Store records and repository of the rate-limit counters (CONTRACT.md § Rate limits): fixed windows counted in
// the store, so that concurrent requests and several server processes on one database share one budget.

/**
 * What one {@link RateLimitRepository.hit} counted: the window's requests so far, this one included, and
 * when the window ends.
 *
 * @example
 * ```ts
 * const { allowed, count, reset_at } = await store.rateLimits.hit('signin:ip:203.0.113.9', 5, 60_000, Date.now())
 * ```
 */
export interface RateLimitHit {
  /** True when this request is within the limit (`count <= limit`). */
  allowed: boolean
  /**
   * Requests counted in the window, this one included: 1 to `limit` while allowed; every request past the
   * limit reads `limit + 1` (the counter stops there, so it cannot overflow).
   */
  count: number
  /** Unix ms when the window ends; the first request at or after it opens a new window. */
  reset_at: number
}

/**
 * Fixed-window request counters keyed by a caller-chosen name (the server uses `class:scope:digest`, e.g. the
 * sign-in budget of one client IP). A window opens at a key's first request and lasts `windowMs`.
 *
 * @example
 * ```ts
 * const hit = await store.rateLimits.hit(key, 5, 60_000, Date.now())
 * if (!hit.allowed) throw rateLimited(hit.reset_at - Date.now())
 * // now and then, off the request path
 * await store.rateLimits.deleteExpired(Date.now())
 * ```
 */
export interface RateLimitRepository {
  /**
   * Checks and counts one request in ONE atomic step: with no live window under `key` (none stored, or its
   * `reset_at <= nowMs`), opens one ending at `nowMs + windowMs` with a count of 1; with a live one, counts up
   * (to at most `limit + 1`). N concurrent callers get at most `limit` allowed hits, across processes too.
   */
  hit(key: string, limit: number, windowMs: number, nowMs: number): Promise<RateLimitHit>
  /** Deletes every window that ended at or before `nowMs` (periodic clean-up; live windows are kept). */
  deleteExpired(nowMs: number): Promise<void>
}

import type { RateLimitRule } from './rate-limit-rules'

/** The outcome of counting one request against a budget. */
export interface RateLimitResult {
  allowed: boolean
  limit: number
  remaining: number
  /** Unix ms when the window resets. */
  resetAt: number
}

/**
 * Fixed-window counters keyed by `class:scope:value` (e.g. `signin:ip:203.0.113.9`). In memory on purpose:
 * counters are short-lived and per process; several instances behind a balancer each count on their own
 * (documented in docs/reference-server.md).
 */
export interface RateLimiter {
  hit(key: string, rule: RateLimitRule, nowMs: number): RateLimitResult
  reset(): void
}

/**
 * Creates an empty {@link RateLimiter}.
 */
export function createRateLimiter(): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>()
  let nextSweep = 0
  return {
    hit(key, rule, nowMs) {
      // Drop finished windows now and then so the map stays bounded by the active clients.
      if (nowMs >= nextSweep) {
        for (const [k, w] of windows) if (w.resetAt <= nowMs) windows.delete(k)
        nextSweep = nowMs + 60_000
      }
      let window = windows.get(key)
      if (!window || window.resetAt <= nowMs) {
        window = { count: 0, resetAt: nowMs + rule.windowSeconds * 1000 }
        windows.set(key, window)
      }
      window.count++
      return {
        allowed: window.count <= rule.limit,
        limit: rule.limit,
        remaining: Math.max(0, rule.limit - window.count),
        resetAt: window.resetAt,
      }
    },
    reset() {
      windows.clear()
    },
  }
}

// In-memory rate-limit counters. `hit` checks and counts synchronously (no await in between), so on one event
// loop it is atomic; the file store persists the windows with the rest of its state.
import type { RateLimitRepository } from '../types'
import { ExpiryHeap } from './indexes'
import type { MemoryContext } from './state'

export function memoryRateLimits({ state, mutate, sweep }: MemoryContext): RateLimitRepository {
  // When each window ends, so a sweep takes only the windows that ended instead of scanning all of them. A
  // renewed window leaves its old entry behind; the sweep skips entries whose window has moved on.
  const ends = new ExpiryHeap()
  for (const [key, window] of Object.entries(state.rateLimits)) ends.push(window.reset_at, key)
  return {
    hit: (key, limit, windowMs, nowMs) =>
      mutate(() => {
        const current = state.rateLimits[key]
        if (!current || current.reset_at <= nowMs) {
          const reset_at = nowMs + windowMs
          state.rateLimits[key] = { count: 1, reset_at }
          ends.push(reset_at, key)
          return { allowed: 1 <= limit, count: 1, reset_at }
        }
        current.count = Math.min(current.count + 1, limit + 1)
        return { allowed: current.count <= limit, count: current.count, reset_at: current.reset_at }
      }),
    deleteExpired: (nowMs) =>
      sweep(() => {
        let changed = false
        for (const [, key] of ends.popUntil(nowMs)) {
          const window = state.rateLimits[key]
          if (window && window.reset_at <= nowMs) {
            delete state.rateLimits[key]
            changed = true
          }
        }
        return changed
      }),
  }
}

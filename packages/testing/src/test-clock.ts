import type { Clock } from '@plinto/server'

/**
 * The server's clock in tests: `Date.now()` plus an offset you control. Moving it ages everything the
 * server times (tokens, email links, rate-limit windows) without touching the test's own timers.
 * Because it reads `Date.now()`, `vi.useFakeTimers()` moves it too.
 *
 * @example
 * ```ts
 * plinto.clock.advance(16 * 60_000) // reset links (15 min) are now expired
 * plinto.clock.reset()
 * ```
 */
export interface TestClock extends Clock {
  /** Moves server time forward by `ms` (negative moves it back). */
  advance(ms: number): void
  /** Sets server time to the absolute Unix ms `epochMs` (it keeps running from there). */
  set(epochMs: number): void
  /** Back to real (or faked) `Date.now()`. */
  reset(): void
  /** The current offset from `Date.now()`, in ms. */
  readonly offset: number
}

/**
 * Creates a {@link TestClock} with offset 0.
 *
 * @example
 * ```ts
 * const clock = createTestClock()
 * clock.advance(1000)
 * clock.now() - Date.now() // 1000
 * ```
 */
export function createTestClock(): TestClock {
  let offset = 0
  return {
    now: () => Date.now() + offset,
    advance(ms) {
      offset += ms
    },
    set(epochMs) {
      offset = epochMs - Date.now()
    },
    reset() {
      offset = 0
    },
    get offset() {
      return offset
    },
  }
}

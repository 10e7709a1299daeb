/**
 * The server's notion of "now". Every expiry, rate-limit window and timestamp reads it, so tests can move
 * time instead of sleeping.
 *
 * @example
 * ```ts
 * let offset = 0
 * const clock: Clock = { now: () => Date.now() + offset }
 * const app = createPlintoApp({ clock })
 * offset += 16 * 60_000 // every reset link issued so far has now expired
 * ```
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

/**
 * The default clock: `Date.now()`, read on every call so `vi.useFakeTimers()` (which fakes `Date`) moves it.
 *
 * @example
 * ```ts
 * createPlintoApp({ clock: systemClock })
 * ```
 */
export const systemClock: Clock = { now: () => Date.now() }

/** ISO 8601 UTC, the contract's timestamp format. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString()
}

// The periodic sweep of stored state: what the contract no longer needs goes, so storage and lookups do not
// grow with every refresh. `startServer` runs it on a timer (`config.sweepIntervalSeconds`); nothing on the
// request path depends on it having run (expired records are refused whether or not they are still stored).
import type { PlintoConfig } from './config'
import type { PlintoStore } from './store/types'

/**
 * Extra time a rotated refresh token's record and an expired session are kept past the point where the
 * contract stops needing them, so server instances whose clocks differ by less than this never sweep what
 * another one still uses.
 *
 * @example
 * ```ts
 * const keptUntil = rotatedAt + refreshGraceSeconds * 1000 + SWEEP_MARGIN_MS
 * ```
 */
export const SWEEP_MARGIN_MS = 60_000

/**
 * What one sweep deleted.
 *
 * @example
 * ```ts
 * const { sessions, refreshTokens }: SweepResult = await app.plinto.sweep()
 * ```
 */
export interface SweepResult {
  /** Sessions past their expiry (ended or not), with their refresh tokens. */
  sessions: number
  /**
   * Refresh tokens deleted by themselves: expired ones, rotated ones past their grace window, and those of
   * ended sessions (for sessions whose tokens carry their family secret).
   */
  refreshTokens: number
  /** Expired email tokens (verification, reset, magic link). */
  emailTokens: number
}

/**
 * Sweeps `store` as of `nowMs`:
 * - sealed successor pairs of tokens rotated more than `refreshGraceSeconds` ago are wiped;
 * - rotated refresh tokens of family sessions go once their grace window (plus {@link SWEEP_MARGIN_MS}) has
 *   passed, and every token of an ended family session goes: the session and its family hash stay, so a
 *   rotated token presented later is still recognised as reuse, and a token of an ended session still answers
 *   `SESSION_REVOKED`;
 * - expired refresh tokens and expired email tokens and challenges go;
 * - sessions expired for more than {@link SWEEP_MARGIN_MS} go, with whatever tokens they still have.
 *
 * Safe to run while requests are served, on every store: it never deletes a current token of a live
 * session, an unexpired session, or a rotated token inside its grace window.
 *
 * @example
 * ```ts
 * const result = await sweepStore(store, app.plinto.config, Date.now())
 * ```
 */
export async function sweepStore(store: PlintoStore, config: PlintoConfig, nowMs: number): Promise<SweepResult> {
  const graceMs = config.refreshGraceSeconds * 1000
  await store.refreshTokens.wipeSuccessors(nowMs - graceMs - 1)
  const settled = await store.refreshTokens.deleteSettled(nowMs - graceMs - SWEEP_MARGIN_MS)
  const expired = await store.refreshTokens.deleteExpired(nowMs)
  const sessions = await store.sessions.deleteExpired(nowMs - SWEEP_MARGIN_MS)
  const emailTokens = await store.emailTokens.deleteExpired(nowMs)
  await store.challenges.deleteExpired(nowMs)
  return { sessions, refreshTokens: settled + expired, emailTokens }
}

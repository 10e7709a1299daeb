import type { PlintoError } from './errors'
import type { User } from '@plinto/contract'

/**
 * Why a session ended.
 *
 * @example
 * ```ts
 * plinto.on('signedOut', ({ reason }: { reason: SignOutReason }) => reason === 'reuse' && alertSecurityTeam())
 * ```
 */
export type SignOutReason =
  /** `auth.signOut()` was called. */
  | 'user'
  /** The server revoked the session (`SESSION_REVOKED`), e.g. from another device. */
  | 'revoked'
  /** The refresh token expired or is unknown (`INVALID_REFRESH_TOKEN`). */
  | 'expired'
  /** A rotated refresh token was replayed (`REFRESH_TOKEN_REUSED`); the server ended the session. */
  | 'reuse'
  /** Another tab or client sharing this storage key signed out. */
  | 'other_tab'

/**
 * Payloads of the events {@link PlintoClient.on} delivers.
 *
 * @example
 * ```ts
 * plinto.on('signedOut', ({ reason }) => { if (reason !== 'user') router.push('/sign-in?expired=1') })
 * ```
 */
export interface PlintoEvents {
  /** A user signed in here, or another tab signed in and this client adopted the session. */
  signedIn: { user: User }
  /** The session ended. Emitted once per session, whatever the number of concurrent callers. */
  signedOut: { reason: SignOutReason }
  /** New tokens are in use; `source` says whether this client refreshed or adopted another tab's. */
  tokenRefreshed: { expiresAt: number; source: 'refresh' | 'other_tab' }
  /** The signed-in user's profile changed (e.g. after `auth.getCurrentUser()`). */
  userUpdated: { user: User }
  /** The server ended the session (revoked, expired, reuse); followed by `signedOut`. */
  sessionExpired: { reason: Exclude<SignOutReason, 'user' | 'other_tab'>; error: PlintoError }
  /**
   * The active organization changed (`organizations.setActive`, another tab, deleting or leaving it,
   * sign-out). `organizationId` is the new one, `null` for none.
   */
  organizationChanged: { organizationId: string | null }
  /**
   * A background failure nobody awaited: a scheduled refresh that failed, storage that broke, a stored session
   * that could not be restored because the SDK's validation code could not be downloaded (`NETWORK_ERROR`).
   */
  error: PlintoError
}

/**
 * Name of an event of {@link PlintoEvents}.
 *
 * @example
 * ```ts
 * const names: PlintoEventName[] = ['signedIn', 'signedOut']
 * ```
 */
export type PlintoEventName = keyof PlintoEvents

/** Internal event bus. */
export interface Emitter {
  on<E extends PlintoEventName>(event: E, listener: (payload: PlintoEvents[E]) => void): () => void
  emit<E extends PlintoEventName>(event: E, payload: PlintoEvents[E]): void
  clear(): void
}

type Listeners = Set<(payload: never) => void>

/**
 * Adds `listener` to `set`; returns its removal. Wrapping makes subscribing the same function twice two
 * subscriptions, each with its own unsubscribe. Shared by the event bus and the snapshot store.
 */
export function addListener(set: Listeners, listener: (payload: never) => void): () => void {
  const entry = (payload: never) => listener(payload)
  set.add(entry)
  return () => void set.delete(entry)
}

/**
 * Calls every listener of `set` with `payload`, on a copy (a listener may unsubscribe itself or others
 * meanwhile). A listener that throws must not break the client nor the other listeners; it is a bug in
 * app code, reported on the console, and not re-emitted as an `error` event, which could recurse.
 */
export function notify(set: Listeners, payload?: unknown): void {
  for (const listener of [...set]) {
    try {
      listener(payload as never)
    } catch (error) {
      console.error('[plinto] a listener threw:', error)
    }
  }
}

/** Creates the event bus; listeners run synchronously, in subscription order, after state is committed. */
export function createEmitter(): Emitter {
  const listeners = new Map<PlintoEventName, Listeners>()
  return {
    on(event, listener) {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function')
      let set = listeners.get(event)
      // biome-ignore lint/suspicious/noAssignInExpressions: the assignment inside the call minifies 4 bytes smaller than two statements (main-chunk budget)
      if (!set) listeners.set(event, (set = new Set()))
      return addListener(set, listener as (payload: never) => void)
    },
    emit(event, payload) {
      const set = listeners.get(event)
      if (set) notify(set, payload)
    },
    clear: () => listeners.clear(),
  }
}

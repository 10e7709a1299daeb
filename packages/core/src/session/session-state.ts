import { unauthorized, type PlintoError } from '../errors'
import type { SignOutReason } from '../events'
import { replaceEqualDeep } from '../store'
import type { OrganizationRole } from '@plinto/contract'
import { jwtClaim } from './expiry'
import { encodeSession, type SessionData } from './persisted-record'
import type { SessionManagerDeps } from './session-manager'
import type { TabMessage } from './tab-channel'

/**
 * The session state every part of session/ reads. {@link SessionState.transition} changes `session`; the
 * one exception is ./cross-tab taking up, inside the refresh lock, a stored pair it refreshes from at once
 * (silently: the refresh's own transition announces the result).
 */
export interface SessionState {
  session: SessionData | null
  /**
   * Moves on every sign-in, sign-out and change of account: a refresh started in an older epoch belongs
   * to a session that has ended, and its result is discarded.
   */
  epoch: number
  disposed: boolean
  /**
   * Commits `next`, saves it, tells the other tabs, reschedules the refresh and emits the events that the
   * difference between the old and the new state means. The one place that emits session events.
   * Resolves once saved.
   */
  transition(next: SessionData | null, cause: Cause): Promise<void>
}

/**
 * Why the session changes. It decides what is saved and shared (what came from storage or another tab
 * is not written back) and whether a new account is announced with `signedIn`.
 */
export type Cause =
  /** Read at start-up (storage, or the cookie's refresh): saved already; a session found is not announced. */
  | 'restore'
  /** This client's refresh, already saved and shared under the cross-tab lock. */
  | 'refresh'
  /** Another tab's news, already in the shared storage. */
  | 'adopt'
  /** A sign-in here: always announced, even for the user who was signed in. */
  | 'signIn'
  /** Changed here (the user, tokens from `refreshToken({ refresh_token })`). */
  | 'update'
  /** The session ended (`error`: the refresh answer that ended it). */
  | { reason: SignOutReason; error?: PlintoError }

/** Refresh answers that end the session, and the reason `sessionExpired` gives. */
export const TERMINAL: Partial<Record<string, Exclude<SignOutReason, 'user' | 'other_tab'>>> = {
  INVALID_REFRESH_TOKEN: 'expired',
  REFRESH_TOKEN_REUSED: 'reuse',
  SESSION_REVOKED: 'revoked',
}

/** Throws when the session changed (signed out, signed in again) since a refresh started in `startEpoch`. */
export function assertEpoch(state: Pick<SessionState, 'epoch'>, startEpoch: number): void {
  if (state.epoch !== startEpoch) throw unauthorized('The session changed while refreshing')
}

const SIGNED_OUT = { status: 'signed_out', user: null, expiresAt: null, organizationId: null } as const

/**
 * Creates the session state. A transition runs in this order: in-memory state, storage and the other
 * tabs (`publish`) first, then the refresh timer (`reschedule`; `tokensChanged` also forgets past refresh
 * failures), then the snapshot (store subscribers) and the events (listeners), which are user code.
 */
export function createSessionState(
  { config, store, events, storage, log }: SessionManagerDeps,
  publish: (message: TabMessage) => void,
  reschedule: (tokensChanged: boolean) => void,
): SessionState {
  const cookie = config.storage.type === 'cookie'
  const state: SessionState = {
    session: null,
    epoch: 0,
    disposed: false,
    transition(next, cause) {
      const previous = state.session
      const ended = typeof cause === 'object'
      let written = Promise.resolve()
      if (ended && !previous) {
        // Nothing to end; a client still loading shows that there is no session.
        store.set(SIGNED_OUT)
        return written
      }
      const tokensChanged = previous?.accessToken !== next?.accessToken
      const newAccount = next && (cause === 'signIn' || previous?.user.id !== next.user.id)
      // Changed here, so saved and shared; what came from storage or another tab is not written back.
      const saves = cause === 'signIn' || cause === 'update'
      if (newAccount || ended) state.epoch++
      state.session = next
      // Not for news that left the tokens alone: the proactive moment of a short-lived token is half its
      // remaining life, and moving it would set this tab's timer apart from the other tabs'.
      if (tokensChanged || saves) reschedule(tokensChanged)
      // A sign-out another tab made was cleared there already; clearing it again could race a new sign-in there.
      if (saves || (ended && cause.reason !== 'other_tab')) {
        publish(next)
        // Cookie mode keeps nothing in JS-visible storage: the access token lives in memory only.
        if (!cookie) written = next ? storage.write(encodeSession(next)) : storage.remove()
      }
      store.set(
        next
          ? {
              status: 'signed_in',
              user: next.user,
              expiresAt: next.expiresAt,
              organizationId: next.organizationId,
              // The role is the token's too (`org_role`), read only for the snapshot.
              organizationRole: (jwtClaim(next.accessToken, 'org_role') as OrganizationRole) || null,
            }
          : SIGNED_OUT,
      )
      log('session:', cause)
      // The events, in a fixed order: the old session's end (`sessionExpired`), what changed within the
      // account, `organizationChanged`, then the new account or the end, so a `signedOut` listener
      // already sees no active organization. A session found at start-up is not news.
      const emit = () => {
        if (cause === 'restore' && !previous) return
        const expired = ended && cause.error && TERMINAL[cause.error.code]
        // biome-ignore lint/style/noNonNullAssertion: `expired` is only truthy when cause.error is set; `?.` or a re-check would cost main-chunk bytes
        if (expired) events.emit('sessionExpired', { reason: expired, error: cause.error! })
        if (previous && next && !newAccount) {
          if (tokensChanged)
            events.emit('tokenRefreshed', {
              expiresAt: next.expiresAt,
              source: cause === 'adopt' ? 'other_tab' : 'refresh',
            })
          if (replaceEqualDeep(previous.user, next.user) !== previous.user)
            events.emit('userUpdated', { user: next.user })
        }
        const organizationId = next?.organizationId ?? null
        if ((previous?.organizationId ?? null) !== organizationId)
          events.emit('organizationChanged', { organizationId })
        if (newAccount && cause !== 'restore') events.emit('signedIn', { user: next.user })
        if (ended) events.emit('signedOut', { reason: cause.reason })
      }
      // New tokens saved here are in storage before anyone hears of them: a listener may read storage.
      if (saves && tokensChanged) return written.then(emit)
      emit()
      return written
    },
  }
  return state
}

import type { ResolvedConfig } from '../config'
import type { Log } from '../debug'
import type { PlintoError } from '../errors'
import type { Emitter, SignOutReason } from '../events'
import type { Http } from '../http'
import type { AuthResponse } from '@plinto/contract'
import type { TokenResponse } from '@plinto/contract'
import type { User } from '@plinto/contract'
import type { RecordStorage } from '../storage/record-storage'
import { replaceEqualDeep, type Store } from '../store'
import { createCrossTab } from './cross-tab'
import { isDue, jwtClaim } from './expiry'
import { decodeSession, type SessionData } from './persisted-record'
import { createRefreshEngine, sessionOf, visible, type RefreshEngine } from './refresh-engine'
import { createSessionState } from './session-state'

/**
 * The client's session: sign-in and sign-out, the user and the active organization, tokens and their
 * refresh, persistence and the other tabs. What modules and the HTTP layer use of it.
 */
export interface SessionManager {
  /** Settles once the stored session has been read (and, if its access token had expired, refreshed). */
  readonly ready: Promise<void>
  current(): SessionData | null
  /**
   * The `sid` claim of the current access token: the server's name for this client's session (`null` when signed
   * out, `undefined` with an opaque token). Here rather than in the sessions module, which is lazily loaded: a
   * helper both import would be one more chunk in an app's first load.
   */
  sessionId(): unknown
  /**
   * An access token with more than `minSeconds` left (half the life of a shorter-lived token), refreshing
   * first when it has less, so a token the client knows to be expired is never sent; the current one if
   * that refresh fails and it has not expired yet; `null` when signed out. With `rejected` (the token a
   * request was refused with: the HTTP layer's 401 → refresh → retry), a newer token if someone already
   * refreshed, otherwise one refresh shared by all callers, whose failure is the caller's answer.
   */
  validToken(minSeconds: number, rejected?: string): Promise<string | null>
  /**
   * Single-flight refresh of the current session (in cookie mode also restores one from the cookie). With
   * `organizationId` it switches the active organization (`null`: none) through the server: see
   * {@link RefreshEngine.refresh}.
   */
  refresh(background?: boolean, announce?: boolean, organizationId?: string | null): Promise<TokenResponse>
  /** Refresh with a refresh token the caller holds (e.g. from a native shell), adopting the result. */
  refreshWith(refreshToken: string): Promise<TokenResponse>
  /** Commits a fresh sign-in and announces it. Resolves once persisted; returns what callers may see. */
  start(auth: AuthResponse): Promise<AuthResponse>
  /** Ends the local session (no server call). Emits `signedOut` once, if there was a session. */
  end(reason: SignOutReason): void
  setUser(user: User): void
  dispose(): void
}

export interface SessionManagerDeps {
  config: ResolvedConfig
  http: Http
  store: Store
  events: Emitter
  storage: RecordStorage
  /** Share tokens and sign-outs with other tabs. */
  tabSync: boolean
  log: Log
}

/**
 * Creates the session manager: the state and its one transition (./session-state), the refresh engine
 * (./refresh-engine) and the cross-tab coordination (./cross-tab), wired together, plus start-up.
 */
export function createSessionManager(deps: SessionManagerDeps): SessionManager {
  const { config, storage, log } = deps
  const cookie = config.storage.type === 'cookie'
  // Each needs another: the state tells the other tabs and reschedules; both read and change the state.
  const state = createSessionState(
    deps,
    (message) => crossTab.publish(message),
    (reset) => engine.schedule(reset),
  )
  const crossTab = createCrossTab(deps, state)
  const engine = createRefreshEngine(deps, state, crossTab)

  const end = (reason: SignOutReason) => void state.transition(null, { reason })

  async function restore(): Promise<void> {
    if (cookie) {
      // The HttpOnly cookie is the session; an empty-body refresh tells us whether there is one.
      await engine.refresh(false, false).catch(() => undefined)
      if (!state.session) end('expired')
      return
    }
    const startEpoch = state.epoch
    // Whether a sign-in, a sign-out or another tab's news came first (restore must not undo it), or dispose().
    const overtaken = () => state.disposed || state.epoch !== startEpoch || state.session
    const raw = await storage.read()
    if (overtaken()) return
    let data: SessionData | null
    try {
      // A stored record waits for the validation chunk (nothing stored does not): asked for only now, so it
      // is downloaded in parallel with nothing else; see docs/development.md § Size budgets.
      data = await decodeSession(raw)
    } catch (error) {
      // The chunk could not be downloaded: the record was not judged, so it stays for the next page load.
      // Until then this client is signed out (unless something else settled it meanwhile), and says why.
      if (overtaken()) return
      end('expired')
      deps.events.emit('error', error as PlintoError)
      return
    }
    if (overtaken()) return
    if (raw !== null && !data) {
      log('discarded an unreadable session record')
      void storage.remove()
    }
    void state.transition(data, data ? 'restore' : { reason: 'expired' })
    if (data && config.autoRefresh && data.expiresAt <= Date.now())
      await engine.refresh(true, false).catch(() => undefined)
  }

  const ready = restore()

  return {
    ready,
    current: () => state.session,
    sessionId: () => state.session && jwtClaim(state.session.accessToken, 'sid'),
    async validToken(minSeconds, rejected) {
      await ready
      const { session } = state
      if (!session) return null
      if (session.accessToken !== rejected && !isDue(session.accessToken, session.expiresAt, minSeconds))
        return session.accessToken
      try {
        return (await engine.refresh()).access_token
      } catch (error) {
        // A transient refresh failure with a token that is still valid: use it rather than fail the caller.
        const current = state.session
        if (rejected || !current || current.expiresAt <= Date.now()) throw error
        return current.accessToken
      }
    },
    refresh: engine.refresh,
    refreshWith: engine.refreshWith,
    async start(auth) {
      const { tokens, user } = auth
      // A sign-in starts without an active organization (its token carries none), even for the same user.
      await state.transition(sessionOf(cookie, tokens, user, undefined), 'signIn')
      return { user, tokens: visible(cookie, tokens) }
    },
    end,
    setUser(user) {
      if (state.session && replaceEqualDeep(state.session.user, user) !== state.session.user)
        void state.transition({ ...state.session, user }, 'update')
    },
    dispose() {
      state.disposed = true
      engine.schedule(false)
      crossTab.close()
    },
  }
}

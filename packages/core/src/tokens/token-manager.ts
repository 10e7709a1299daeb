import type { ResolvedConfig } from '../config'
import type { Log } from '../debug'
import { isPlintoError, PlintoError } from '../errors'
import type { Emitter, SignOutReason } from '../events'
import type { Http } from '../http'
import type { AuthResponse } from '../schemas/auth'
import { TokenResponseSchema, type TokenResponse } from '../schemas/tokens'
import { UserSchema, type User } from '../schemas/user'
import { decodeSession, encodeSession, type SessionData } from '../storage/persisted-session'
import type { SessionPersistence } from '../storage/session-persistence'
import type { Store } from '../store'
import { createTabSync, type SyncMessage, type TabSync } from '../sync/tab-sync'
import { backoffDelay } from './backoff'
import { computeExpiresAt, refreshDelay } from './expiry'

/** Owns the session: tokens, their persistence, refresh (proactive, reactive, single-flight) and tab sync. */
export interface TokenManager {
  /** Settles once the stored session has been read (and, if its access token had expired, refreshed). */
  readonly ready: Promise<void>
  current(): SessionData | null
  accessToken(): string | null
  /** For the HTTP layer's 401 hook: the token to retry with, refreshing at most once for all callers. */
  recover(rejectedToken: string): Promise<string | null>
  /** Single-flight refresh of the current session (in cookie mode also restores one from the cookie). */
  refresh(): Promise<TokenResponse>
  /** Refresh with a refresh token the caller holds (e.g. from a native shell), adopting the result. */
  refreshWith(refreshToken: string): Promise<TokenResponse>
  /** Commits a fresh sign-in and announces it. Resolves once persisted; returns what callers may see. */
  startSession(auth: AuthResponse): Promise<AuthResponse>
  /** Ends the local session (no server call). Emits `signedOut` once; `false` if there was none. */
  endSession(reason: SignOutReason, error?: PlintoError): boolean
  setUser(user: User): void
  dispose(): void
}

export interface TokenManagerDeps {
  config: ResolvedConfig
  http: Http
  store: Store
  events: Emitter
  persistence: SessionPersistence
  /** Share tokens and sign-outs with other tabs. */
  tabSync: boolean
  log: Log
}

const TERMINAL: Partial<Record<string, Exclude<SignOutReason, 'user' | 'other_tab'>>> = {
  INVALID_REFRESH_TOKEN: 'expired',
  REFRESH_TOKEN_REUSED: 'reuse',
  SESSION_REVOKED: 'revoked',
}

const toError = (error: unknown) =>
  isPlintoError(error) ? error : new PlintoError('NETWORK_ERROR', 'Token refresh failed', { retryable: true, cause: error })

/** A stored access token with more than this left is used as is rather than refreshed. */
const STILL_FRESH_MS = 60_000

const sameUser = (a: User, b: User) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Creates the token manager. Concurrency rules: one refresh in flight, shared by every caller; state is
 * committed before any event is emitted and no flag is held while listeners run; a result that arrives
 * after a sign-out or a new sign-in (`epoch` moved) is discarded; only the three terminal refresh codes
 * end a session.
 */
export function createTokenManager({ config, http, store, events, persistence, tabSync, log }: TokenManagerDeps): TokenManager {
  const cookie = config.storage.type === 'cookie'
  let session: SessionData | null = null
  let epoch = 0
  let inflight: Promise<TokenResponse> | null = null
  // The epoch the in-flight refresh belongs to: a refresh of a session that has since ended must
  // neither be joined by new callers nor clear the slot of a newer refresh.
  let inflightEpoch = -1
  let failures = 0
  let cooldownUntil = 0
  let lastError: PlintoError | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let disposed = false

  const sync: TabSync | null = tabSync ? createTabSync(config.storage.key, persistence.webStorage, (message) => adopt(message)) : null

  const publish = (message: SyncMessage) => {
    if (!disposed) sync?.publish(message)
  }

  const resetFailures = () => {
    failures = 0
    cooldownUntil = 0
    lastError = null
  }

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (disposed || !session || !config.autoRefresh) return
    const now = Date.now()
    let delay: number
    if (cooldownUntil > now) {
      // A retry is worth it only for transient failures; after e.g. a 400 we wait for a caller.
      if (!lastError?.retryable) return
      delay = cooldownUntil - now
    } else delay = refreshDelay(session.expiresAt, config.refreshThreshold, now)
    timer = setTimeout(() => {
      timer = undefined
      // This timer is the cooldown's own retry, so it does not wait on the cooldown (timers may fire early).
      cooldownUntil = 0
      refresh(true).catch(() => undefined)
    }, Math.ceil(delay))
    // Node: a pending refresh must not keep a script or an SSR process alive.
    ;(timer as { unref?: () => void }).unref?.()
  }

  // Internal state, storage and other tabs first; subscribers (user code) last.
  const commit = (next: SessionData): Promise<void> => {
    session = next
    schedule()
    publish({ type: 'session', session: next })
    // Cookie mode keeps nothing in JS-visible storage: the access token lives in memory only.
    const written = cookie ? Promise.resolve() : persistence.write(encodeSession(next))
    store.set({ status: 'signed_in', user: next.user, expiresAt: next.expiresAt })
    return written
  }

  const visibleTokens = (tokens: TokenResponse): TokenResponse => {
    if (!cookie) return tokens
    const { refresh_token: _dropped, ...rest } = tokens
    return rest
  }

  const toSession = (tokens: TokenResponse, user: User, previousRefresh: string | undefined): SessionData => ({
    accessToken: tokens.access_token,
    refreshToken: cookie ? undefined : (tokens.refresh_token ?? previousRefresh),
    expiresAt: computeExpiresAt(tokens.access_token, tokens.expires_in),
    user,
  })

  function endSession(reason: SignOutReason, error?: PlintoError): boolean {
    if (!session) {
      if (store.getSnapshot().status !== 'signed_out') store.set({ status: 'signed_out', user: null, expiresAt: null })
      return false
    }
    session = null
    epoch++
    resetFailures()
    schedule()
    // The tab that signed out already cleared the shared storage; clearing it again could race a new sign-in there.
    if (reason !== 'other_tab') {
      if (!cookie) void persistence.remove()
      publish({ type: 'signed_out' })
    }
    store.set({ status: 'signed_out', user: null, expiresAt: null })
    log('signed out:', reason)
    const expiredReason = TERMINAL[error?.code ?? '']
    if (error && expiredReason) events.emit('sessionExpired', { reason: expiredReason, error })
    events.emit('signedOut', { reason })
    return true
  }

  function onFailure(error: PlintoError, startEpoch: number, sent: SessionData | null, background: boolean) {
    if (epoch !== startEpoch || disposed) return
    const reason = TERMINAL[error.code]
    if (reason) {
      // We adopted newer tokens from another tab while this request was out; its verdict is about the old ones.
      if (!cookie && session && sent && session.refreshToken !== sent.refreshToken) return
      endSession(reason, error)
      return
    }
    if (!session) return
    failures++
    lastError = error
    cooldownUntil = Date.now() + backoffDelay(failures, error.retryAfter)
    log(`refresh failed (${error.code}); session kept, next attempt in ${cooldownUntil - Date.now()} ms`)
    schedule()
    if (background) events.emit('error', error)
  }

  const changed = () => new PlintoError('UNAUTHORIZED', 'The session changed while refreshing', { status: 401 })

  /**
   * The stored record when another tab (sharing this storage) has already rotated our tokens and we missed
   * its message (a frozen tab, no BroadcastChannel). Presenting our rotated refresh token after the
   * server's grace window would be reuse and revoke the whole session; the stored pair is the live one.
   */
  async function newerStored(current: SessionData | null): Promise<SessionData | null> {
    if (cookie || !current) return null
    const stored = decodeSession(await persistence.read())
    return stored && stored.user.id === current.user.id && stored.refreshToken !== current.refreshToken && stored.expiresAt >= current.expiresAt
      ? stored
      : null
  }

  async function run(startEpoch: number, background: boolean, announce: boolean): Promise<TokenResponse> {
    let sent = session
    try {
      const stored = await newerStored(sent)
      if (epoch !== startEpoch) throw changed()
      if (stored && stored.expiresAt - Date.now() > STILL_FRESH_MS) {
        // Adopt the other tab's pair instead of refreshing again.
        resetFailures()
        if (inflightEpoch === startEpoch) inflight = null
        session = stored
        store.set({ status: 'signed_in', user: stored.user, expiresAt: stored.expiresAt })
        schedule()
        log('adopted newer tokens from storage')
        events.emit('tokenRefreshed', { expiresAt: stored.expiresAt, source: 'other_tab' })
        return {
          access_token: stored.accessToken,
          ...(stored.refreshToken === undefined ? {} : { refresh_token: stored.refreshToken }),
          token_type: 'bearer',
          expires_in: Math.floor((stored.expiresAt - Date.now()) / 1000),
        }
      }
      if (stored) {
        // Refresh from the newer pair; the commit below publishes the result.
        session = stored
        sent = stored
      }
      const tokens = await http.request('auth/refresh', {
        method: 'POST',
        ...(cookie ? {} : { json: { refresh_token: sent?.refreshToken } }),
        schema: TokenResponseSchema,
        auth: false,
      })
      if (epoch !== startEpoch) throw changed()
      // No user yet: a cookie-mode restore. The refresh proved the session; /auth/me names its user.
      const user = session?.user ?? (await http.request('auth/me', { schema: UserSchema, auth: false, bearer: tokens.access_token }))
      if (epoch !== startEpoch) throw changed()
      const wasSignedIn = session !== null
      const next = toSession(tokens, user, sent?.refreshToken)
      resetFailures()
      // Free the slot before anything user-visible happens: store subscribers and event listeners that
      // call refresh() must start a new one, not join this finished one.
      if (inflightEpoch === startEpoch) inflight = null
      void commit(next)
      log('tokens refreshed')
      if (wasSignedIn) events.emit('tokenRefreshed', { expiresAt: next.expiresAt, source: 'refresh' })
      else if (announce) events.emit('signedIn', { user })
      return visibleTokens(tokens)
    } catch (caught) {
      if (inflightEpoch === startEpoch) inflight = null
      const error = toError(caught)
      onFailure(error, startEpoch, sent, background)
      throw error
    }
  }

  function refresh(background = false, announce = true): Promise<TokenResponse> {
    if (inflight && inflightEpoch === epoch) return inflight
    if (disposed) return Promise.reject(new PlintoError('UNAUTHORIZED', 'This client was disposed', { status: 401 }))
    if (!session && !cookie) return Promise.reject(new PlintoError('UNAUTHORIZED', 'Not signed in', { status: 401 }))
    if (lastError && Date.now() < cooldownUntil) return Promise.reject(lastError)
    inflightEpoch = epoch
    const promise = run(epoch, background, announce)
    inflight = promise
    return promise
  }

  function adopt(message: SyncMessage) {
    if (disposed) return
    if (message.type === 'signed_out') {
      endSession('other_tab')
      return
    }
    const incoming = message.session
    const previous = session
    if (previous && (previous.accessToken === incoming.accessToken || (previous.user.id === incoming.user.id && incoming.expiresAt < previous.expiresAt))) return
    if (!previous || previous.user.id !== incoming.user.id) epoch++
    session = cookie ? { ...incoming, refreshToken: undefined } : incoming
    resetFailures()
    store.set({ status: 'signed_in', user: incoming.user, expiresAt: incoming.expiresAt })
    schedule()
    log('adopted a session from another tab')
    if (!previous || previous.user.id !== incoming.user.id) events.emit('signedIn', { user: incoming.user })
    else {
      events.emit('tokenRefreshed', { expiresAt: incoming.expiresAt, source: 'other_tab' })
      if (!sameUser(previous.user, incoming.user)) events.emit('userUpdated', { user: incoming.user })
    }
  }

  async function restore(): Promise<void> {
    const startEpoch = epoch
    if (cookie) {
      // The HttpOnly cookie is the session; an empty-body refresh tells us whether there is one.
      await refresh(false, false).catch(() => undefined)
      if (epoch === startEpoch && !session) endSession('expired')
      return
    }
    const raw = await persistence.read()
    if (disposed || epoch !== startEpoch || session) return
    const data = decodeSession(raw)
    if (raw !== null && !data) {
      log('discarding an unreadable or foreign session record')
      void persistence.remove()
    }
    if (!data) {
      store.set({ status: 'signed_out', user: null, expiresAt: null })
      return
    }
    session = data
    store.set({ status: 'signed_in', user: data.user, expiresAt: data.expiresAt })
    schedule()
    if (config.autoRefresh && data.expiresAt <= Date.now()) await refresh(true, false).catch(() => undefined)
  }

  const ready = restore()

  return {
    ready,
    current: () => session,
    accessToken: () => session?.accessToken ?? null,
    async recover(rejectedToken) {
      if (!session) return null
      // Someone refreshed (or another tab did) since this request left: retry with the new token.
      if (session.accessToken !== rejectedToken) return session.accessToken
      return (await refresh()).access_token
    },
    refresh: () => refresh(),
    async refreshWith(refreshToken) {
      const startEpoch = ++epoch
      const tokens = await http.request('auth/refresh', { method: 'POST', json: { refresh_token: refreshToken }, schema: TokenResponseSchema, auth: false })
      const user = await http.request('auth/me', { schema: UserSchema, auth: false, bearer: tokens.access_token })
      if (epoch !== startEpoch) throw new PlintoError('UNAUTHORIZED', 'The session changed while refreshing', { status: 401 })
      const wasSignedIn = session !== null
      resetFailures()
      await commit(toSession(tokens, user, refreshToken))
      if (wasSignedIn) events.emit('tokenRefreshed', { expiresAt: session!.expiresAt, source: 'refresh' })
      else events.emit('signedIn', { user })
      return visibleTokens(tokens)
    },
    async startSession(auth) {
      epoch++
      resetFailures()
      const next = toSession(auth.tokens, auth.user, undefined)
      await commit(next)
      log('signed in')
      events.emit('signedIn', { user: auth.user })
      return { user: auth.user, tokens: visibleTokens(auth.tokens) }
    },
    endSession,
    setUser(user) {
      if (!session || sameUser(session.user, user)) return
      void commit({ ...session, user })
      events.emit('userUpdated', { user })
    },
    dispose() {
      disposed = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      sync?.close()
    },
  }
}

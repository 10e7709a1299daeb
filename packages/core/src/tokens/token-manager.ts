import type { ResolvedConfig } from '../config'
import type { Log } from '../debug'
import { isPlintoError, PlintoError } from '../errors'
import type { Emitter, SignOutReason } from '../events'
import type { Http } from '../http'
import type { AuthResponse } from '@plinto/contract'
import { TokenResponseSchema, type TokenResponse } from '@plinto/contract'
import { UserSchema, type User } from '@plinto/contract'
import { decodeSession, encodeSession, type SessionData } from '../storage/persisted-session'
import type { SessionPersistence } from '../storage/session-persistence'
import { sameJson, type Store } from '../store'
import { createTabSync, type SyncMessage, type TabSync } from '../sync/tab-sync'
import { backoffDelay } from './backoff'
import { createCrossTabLock } from './cross-tab-lock'
import { computeExpiresAt, isDue, refreshDelay } from './expiry'

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
  /** Sets the session's active organization (persisted, shared with other tabs); `false` when signed out. */
  setOrganization(id: string | null): boolean
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

const unauthorized = (message: string) => new PlintoError('UNAUTHORIZED', message, { status: 401 })

/** A session's tokens as a refresh answers them (for callers whose refresh found another tab's tokens). */
const tokensOf = ({ accessToken, refreshToken, expiresAt }: SessionData): TokenResponse => ({
  access_token: accessToken,
  ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
  token_type: 'bearer',
  expires_in: Math.floor((expiresAt - Date.now()) / 1000),
})


/** What a refresh request brought: the wire tokens, and the session made of them. */
interface Exchanged {
  tokens: TokenResponse
  next: SessionData
}

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
  // Tabs sharing this session refresh one at a time (Web Locks); only when they share it (tab sync), so
  // that unrelated clients of one process or of per-tab storage never wait for each other.
  const lock = sync ? createCrossTabLock('plinto:refresh:' + config.storage.key, config.timeout) : undefined
  // Without that lock, tabs that took up the same token spread their proactive refresh a little.
  const jitter = sync && !lock ? Math.random() : 0

  const publish = (message: SyncMessage) => {
    if (!disposed) sync?.publish(message)
  }

  const resetFailures = () => {
    failures = 0
    cooldownUntil = 0
    lastError = null
  }

  const showSignedIn = ({ user, expiresAt, organizationId = null }: SessionData) => store.set({ status: 'signed_in', user, expiresAt, organizationId })
  const announceOrganization = (organizationId: string | null | undefined) => events.emit('organizationChanged', { organizationId: organizationId ?? null })
  const showSignedOut = () => store.set({ status: 'signed_out', user: null, expiresAt: null, organizationId: null })

  const assertEpoch = (startEpoch: number) => {
    if (epoch !== startEpoch) throw unauthorized('The session changed while refreshing')
  }

  /** Frees the single-flight slot of the refresh started in `startEpoch`, if it still holds it. */
  const releaseSlot = (startEpoch: number) => {
    if (inflightEpoch === startEpoch) inflight = null
  }

  const schedule = () => {
    clearTimeout(timer)
    timer = undefined
    if (disposed || !session || !config.autoRefresh) return
    const now = Date.now()
    // In cooldown a retry is worth it only for transient failures; after e.g. a 400 we wait for a caller.
    if (cooldownUntil > now && !lastError?.retryable) return
    const delay = cooldownUntil > now ? cooldownUntil - now : refreshDelay(session.expiresAt, config.refreshThreshold, now, jitter)
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
    showSignedIn(next)
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
    // A refresh keeps the active organization; a sign-in (no session, or another user) starts without one.
    organizationId: session?.user.id === user.id ? session.organizationId : null,
  })

  /**
   * `POST /auth/refresh` (with `refreshToken` in the body; none in cookie mode), then `GET /auth/me`
   * when no user is known yet (a cookie-mode restore). Throws if the session changed meanwhile.
   */
  async function exchange(startEpoch: number, refreshToken: string | undefined, user: User | undefined): Promise<Exchanged> {
    const tokens = await http.request('auth/refresh', {
      method: 'POST',
      ...(refreshToken === undefined ? {} : { json: { refresh_token: refreshToken } }),
      schema: TokenResponseSchema,
      auth: false,
    })
    assertEpoch(startEpoch)
    user ??= await http.request('auth/me', { schema: UserSchema, auth: false, bearer: tokens.access_token })
    assertEpoch(startEpoch)
    return { tokens, next: toSession(tokens, user, refreshToken) }
  }

  function endSession(reason: SignOutReason, error?: PlintoError): boolean {
    if (!session) {
      if (store.getSnapshot().status !== 'signed_out') showSignedOut()
      return false
    }
    const hadOrganization = session.organizationId
    session = null
    epoch++
    resetFailures()
    schedule()
    // The tab that signed out already cleared the shared storage; clearing it again could race a new sign-in there.
    if (reason !== 'other_tab') {
      if (!cookie) void persistence.remove()
      publish({ type: 'signed_out' })
    }
    showSignedOut()
    log('signed out:', reason)
    const expiredReason = TERMINAL[error?.code ?? '']
    if (error && expiredReason) events.emit('sessionExpired', { reason: expiredReason, error })
    if (hadOrganization) announceOrganization(null)
    events.emit('signedOut', { reason })
    return true
  }

  function onFailure(error: PlintoError, startEpoch: number, sent: SessionData | null, background: boolean) {
    if (epoch !== startEpoch || disposed) return
    const reason = TERMINAL[error.code]
    if (reason) {
      // We adopted newer tokens from another tab while this request was out; its verdict is about the old ones.
      if (cookie || !session || !sent || session.refreshToken === sent.refreshToken) endSession(reason, error)
      return
    }
    if (!session) return
    failures++
    lastError = error
    const wait = backoffDelay(failures, error.retryAfter)
    cooldownUntil = Date.now() + wait
    log(`refresh failed (${error.code}), retry in ${wait} ms`)
    schedule()
    if (background) events.emit('error', error)
  }

  /**
   * The stored record when another tab (sharing this storage) has already rotated our tokens and we missed
   * its message (a frozen tab, no BroadcastChannel), or did so while we waited for the refresh lock.
   * Presenting our rotated refresh token after the server's grace window would be reuse and revoke the
   * whole session; the stored pair is the live one.
   */
  async function newerStored(current: SessionData | null): Promise<SessionData | null> {
    if (cookie || !current) return null
    const stored = decodeSession(await persistence.read())
    return stored && stored.user.id === current.user.id && stored.accessToken !== current.accessToken && stored.expiresAt >= current.expiresAt
      ? stored
      : null
  }

  async function run(startEpoch: number, background: boolean, announce: boolean): Promise<TokenResponse> {
    let sent = session
    try {
      // Tabs sharing this session refresh one at a time. Inside the lock: only storage and the network. A
      // tab that waited first looks for the tokens the holder got (taken up from its message, or in the
      // shared storage) and uses them; otherwise it refreshes, then saves and tells the other tabs before
      // letting go, so the next one finds them. In-memory state, subscribers and events come after.
      const outcome = await (lock ?? ((work) => work()))(async (): Promise<SessionData | Exchanged> => {
        // The previous holder's news (its message; in storage modes also the shared storage) has arrived:
        // the lock stays held a moment after each refresh for that (LOCK_SETTLE_MS).
        assertEpoch(startEpoch)
        if (session && session.accessToken !== sent?.accessToken) return session
        // Newer tokens than ours in the shared storage: another tab refreshed (before or while we waited).
        // Take them up unless they are due for a refresh themselves, judged by their own life, so two tabs
        // that waited for the lock never present the same refresh token. If they are due, refresh from them
        // (ours is spent); the commit below publishes the result.
        const stored = await newerStored(sent)
        if (stored && !isDue(stored.accessToken, stored.expiresAt, config.refreshThreshold)) return stored
        if (stored) session = sent = stored
        const result = await exchange(startEpoch, sent?.refreshToken, session?.user)
        // Cookie mode keeps nothing in JS-visible storage: the access token lives in memory only, and the
        // other tabs learn of it from the message alone.
        if (!cookie) await persistence.write(encodeSession(result.next))
        if (epoch === startEpoch) publish({ type: 'session', session: result.next })
        return result
      })
      assertEpoch(startEpoch)
      // Free the slot before anything user-visible happens: store subscribers and event listeners that
      // call refresh() must start a new one, not join this finished one.
      releaseSlot(startEpoch)
      if (!('next' in outcome)) {
        // Another tab's tokens (a no-op when they are already ours, taken up from its message).
        adopt({ type: 'session', session: outcome })
        return tokensOf(session!)
      }
      const { tokens, next } = outcome
      const wasSignedIn = session !== null
      resetFailures()
      // Saved and published under the lock already.
      session = next
      schedule()
      showSignedIn(next)
      log('tokens refreshed')
      if (wasSignedIn) events.emit('tokenRefreshed', { expiresAt: next.expiresAt, source: 'refresh' })
      else if (announce) events.emit('signedIn', { user: next.user })
      return visibleTokens(tokens)
    } catch (caught) {
      releaseSlot(startEpoch)
      const error = toError(caught)
      onFailure(error, startEpoch, sent, background)
      throw error
    }
  }

  function refresh(background = false, announce = true): Promise<TokenResponse> {
    if (inflight && inflightEpoch === epoch) return inflight
    if (disposed) return Promise.reject(unauthorized('This client was disposed'))
    if (!session && !cookie) return Promise.reject(unauthorized('Not signed in'))
    if (lastError && Date.now() < cooldownUntil) return Promise.reject(lastError)
    inflightEpoch = epoch
    return (inflight = run(epoch, background, announce))
  }

  /** A session from another tab (its message, or the shared storage): newer tokens, or another sign-in. */
  function adopt(message: SyncMessage) {
    if (disposed) return
    if (message.type === 'signed_out') {
      endSession('other_tab')
      return
    }
    const incoming = message.session
    const previous = session
    const sameAccount = previous?.user.id === incoming.user.id
    const organizationChanged = (previous?.organizationId ?? null) !== (incoming.organizationId ?? null)
    if (previous && previous.accessToken === incoming.accessToken) {
      // Same tokens: at most the active organization changed in the other tab.
      if (organizationChanged) {
        session = { ...previous, organizationId: incoming.organizationId ?? null }
        showSignedIn(session)
        announceOrganization(session.organizationId)
      }
      return
    }
    if (previous && sameAccount && incoming.expiresAt < previous.expiresAt) return
    if (!sameAccount) epoch++
    session = cookie ? { ...incoming, refreshToken: undefined } : incoming
    resetFailures()
    showSignedIn(incoming)
    schedule()
    log('adopted a session from another tab')
    if (!previous || !sameAccount) events.emit('signedIn', { user: incoming.user })
    else {
      events.emit('tokenRefreshed', { expiresAt: incoming.expiresAt, source: 'other_tab' })
      if (!sameJson(previous.user, incoming.user)) events.emit('userUpdated', { user: incoming.user })
    }
    if (organizationChanged) announceOrganization(incoming.organizationId)
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
      log('discarded an unreadable session record')
      void persistence.remove()
    }
    if (!data) return void showSignedOut()
    session = data
    showSignedIn(data)
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
      const { tokens, next } = await exchange(startEpoch, refreshToken, undefined)
      const wasSignedIn = session !== null
      resetFailures()
      // Persisted before the event, as for a sign-in: a listener may read storage.
      await commit(next)
      if (wasSignedIn) events.emit('tokenRefreshed', { expiresAt: next.expiresAt, source: 'refresh' })
      else events.emit('signedIn', { user: next.user })
      return visibleTokens(tokens)
    },
    async startSession(auth) {
      epoch++
      resetFailures()
      const hadOrganization = session?.organizationId
      // A sign-in starts without an active organization, even when the same user was signed in.
      await commit({ ...toSession(auth.tokens, auth.user, undefined), organizationId: null })
      log('signed in')
      if (hadOrganization) announceOrganization(null)
      events.emit('signedIn', { user: auth.user })
      return { user: auth.user, tokens: visibleTokens(auth.tokens) }
    },
    endSession,
    setUser(user) {
      if (!session || sameJson(session.user, user)) return
      void commit({ ...session, user })
      events.emit('userUpdated', { user })
    },
    setOrganization(organizationId) {
      if (!session) return false
      if ((session.organizationId ?? null) !== organizationId) {
        void commit({ ...session, organizationId })
        announceOrganization(organizationId)
      }
      return true
    },
    dispose() {
      disposed = true
      clearTimeout(timer)
      timer = undefined
      sync?.close()
    },
  }
}

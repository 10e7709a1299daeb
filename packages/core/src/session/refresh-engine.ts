import { isPlintoError, PlintoError, unauthorized } from '../errors'
import { backoffDelay } from '../internal/backoff'
import type { TokenResponse } from '@plinto/contract/tokens'
import type { User } from '@plinto/contract/user'
import type { CrossTab, Exchanged } from './cross-tab'
import { computeExpiresAt, refreshDelay, tokenOrganization } from './expiry'
import type { SessionData } from './persisted-record'
import type { SessionManagerDeps } from './session-manager'
import { assertEpoch, TERMINAL, type SessionState } from './session-state'

/**
 * Refreshes the session: one request in flight for every caller, a timer before expiry, backoff and cooldown after
 * failures.
 */
export interface RefreshEngine {
  /**
   * Single-flight refresh of the current session (in cookie mode also restores one from the cookie). With
   * `organizationId` (`null`: none) it is a switch, `POST /auth/organization/switch`: it waits for a refresh in
   * flight (which is spending the token it must present), then takes the slot itself, so refresh() callers get
   * the switched tokens; under the cross-tab lock it is always sent, never answered with another tab's tokens.
   * A refused switch (`FORBIDDEN`) changes nothing and starts no cooldown.
   */
  refresh(background?: boolean, announce?: boolean, organizationId?: string | null): Promise<TokenResponse>
  /** Refresh with a refresh token the caller holds (e.g. from a native shell), adopting the session it belongs to. */
  refreshWith(refreshToken: string): Promise<TokenResponse>
  /** Sets the timer for the next refresh (none when signed out or disposed); `reset` forgets past failures first. */
  schedule(reset: boolean): void
}

/** What callers may see of tokens: in cookie mode never a refresh token. */
export function visible(cookie: boolean, tokens: TokenResponse): TokenResponse {
  if (!cookie) return tokens
  const { refresh_token: _dropped, ...rest } = tokens
  return rest
}

/**
 * The session made of new tokens (cookie mode keeps no refresh token: it lives in the HttpOnly cookie). The
 * active organization is the access token's: the server chose it, and re-checks it at every refresh.
 */
export const sessionOf = (
  cookie: boolean,
  tokens: TokenResponse,
  user: User,
  previousRefresh: string | undefined,
): SessionData => ({
  accessToken: tokens.access_token,
  refreshToken: cookie ? undefined : (tokens.refresh_token ?? previousRefresh),
  expiresAt: computeExpiresAt(tokens.access_token, tokens.expires_in),
  user,
  organizationId: tokenOrganization(tokens.access_token),
})

const toError = (error: unknown) =>
  isPlintoError(error)
    ? error
    : new PlintoError('NETWORK_ERROR', 'Token refresh failed', { retryable: true, cause: error })

/** A session's tokens as a refresh answers them (for callers whose refresh found another tab's tokens). */
const tokensOf = (session: SessionData): TokenResponse => ({
  access_token: session.accessToken,
  refresh_token: session.refreshToken,
  token_type: 'bearer',
  expires_in: Math.floor((session.expiresAt - Date.now()) / 1000),
})

/**
 * Creates the refresh engine. Concurrency rules: one refresh in flight, shared by every caller; a result
 * that arrives after a sign-out or a new sign-in (the epoch moved) is discarded; only the three terminal
 * refresh codes end a session; no flag is held while listeners run.
 */
export function createRefreshEngine(
  { config, http, events, log, tabSync }: SessionManagerDeps,
  state: SessionState,
  crossTab: CrossTab,
): RefreshEngine {
  const cookie = config.storage.type === 'cookie'
  let inflight: Promise<TokenResponse> | null = null
  // The epoch the in-flight refresh belongs to: a refresh of a session that has since ended must
  // neither be joined by new callers nor clear the slot of a newer refresh.
  let inflightEpoch = -1
  let failures = 0
  let cooldownUntil = 0
  let lastError: PlintoError | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  // Tabs that took up the same token and share no lock spread their proactive refresh a little.
  const jitter = tabSync && !crossTab.locked ? Math.random() : 0

  /** Frees the single-flight slot of the refresh started in `startEpoch`, if it still holds it. */
  const releaseSlot = (startEpoch: number) => {
    if (inflightEpoch === startEpoch) inflight = null
  }

  function schedule(reset: boolean) {
    if (reset) {
      failures = cooldownUntil = 0
      lastError = null
    }
    clearTimeout(timer)
    timer = undefined
    const { session } = state
    if (state.disposed || !session || !config.autoRefresh) return
    const now = Date.now()
    // In cooldown a retry is worth it only for transient failures; after e.g. a 400 we wait for a caller.
    if (cooldownUntil > now && !lastError?.retryable) return
    const delay =
      cooldownUntil > now ? cooldownUntil - now : refreshDelay(session.expiresAt, config.refreshThreshold, now, jitter)
    timer = setTimeout(() => {
      timer = undefined
      // This timer is the cooldown's own retry, so it does not wait on the cooldown (timers may fire early).
      cooldownUntil = 0
      refresh(true).catch(() => undefined)
    }, Math.ceil(delay))
    // Node: a pending refresh must not keep a script or an SSR process alive.
    ;(timer as { unref?: () => void }).unref?.()
  }

  /**
   * `POST /auth/refresh` (or, with `organizationId`, `POST /auth/organization/switch`), then `GET /auth/me` when
   * no user is known yet. Throws if the session changed meanwhile.
   */
  async function exchange(
    startEpoch: number,
    refreshToken: string | undefined,
    user: User | undefined,
    organizationId?: string | null,
  ): Promise<Exchanged<TokenResponse>> {
    const switching = organizationId !== undefined
    const tokens = await http.request(switching ? 'auth/organization/switch' : 'auth/refresh', {
      method: 'POST',
      // A refresh in cookie mode sends no body (the cookie is the token); a switch always names the organization
      // (JSON leaves out the `refresh_token: undefined` of cookie mode).
      json:
        switching || refreshToken !== undefined
          ? { refresh_token: refreshToken, organization_id: organizationId }
          : undefined,
      schema: (v) => v.tokens,
      auth: false,
    })
    assertEpoch(state, startEpoch)
    user ??= await http.request('auth/me', { schema: (v) => v.user, auth: false, bearer: tokens.access_token })
    assertEpoch(state, startEpoch)
    return { tokens, next: sessionOf(cookie, tokens, user, refreshToken) }
  }

  function onFailure(
    error: PlintoError,
    startEpoch: number,
    sent: SessionData | null,
    background: boolean,
    switching: boolean,
  ) {
    const { session } = state
    if (state.epoch !== startEpoch || state.disposed) return
    const reason = TERMINAL[error.code]
    if (reason) {
      // We adopted newer tokens from another tab while this request was out; its verdict is about the old ones.
      if (cookie || !session || !sent || session.refreshToken === sent.refreshToken)
        void state.transition(null, { reason, error })
      return
    }
    // A refused switch (not a member) says nothing about the session's tokens: no backoff, no retry timer.
    if (!session || switching) return
    failures++
    lastError = error
    const wait = backoffDelay(failures, error.retryAfter)
    cooldownUntil = Date.now() + wait
    log(`refresh failed (${error.code}), retry in ${wait} ms`)
    schedule(false)
    if (background) events.emit('error', error)
  }

  async function run(
    startEpoch: number,
    background: boolean,
    announce: boolean,
    organizationId?: string | null,
  ): Promise<TokenResponse> {
    let sent = state.session
    const switching = organizationId !== undefined
    try {
      const outcome = await crossTab.exclusive(
        startEpoch,
        sent,
        (from) => {
          sent = from
          return exchange(startEpoch, from?.refreshToken, state.session?.user, organizationId)
        },
        switching,
      )
      assertEpoch(state, startEpoch)
      // Free the slot before anything user-visible happens: store subscribers and event listeners that
      // call refresh() must start a new one, not join this finished one.
      releaseSlot(startEpoch)
      if (!('next' in outcome)) {
        // Another tab's tokens (a no-op when they are already ours, taken up from its message).
        crossTab.adopt(outcome)
        // biome-ignore lint/style/noNonNullAssertion: adopt() has just taken up the other tab's session; `?.` would cost main-chunk bytes
        return visible(cookie, tokensOf(state.session!))
      }
      void state.transition(outcome.next, announce ? 'refresh' : 'restore')
      return visible(cookie, outcome.tokens)
    } catch (caught) {
      releaseSlot(startEpoch)
      const error = toError(caught)
      onFailure(error, startEpoch, sent, background, switching)
      throw error
    }
  }

  function refresh(background = false, announce = true, organizationId?: string | null): Promise<TokenResponse> {
    const { epoch } = state
    const again = () => refresh(background, announce, organizationId)
    if (inflight && inflightEpoch === epoch)
      return organizationId === undefined ? inflight : inflight.then(again, again)
    if (state.disposed) return Promise.reject(unauthorized('This client was disposed'))
    if (!state.session && !cookie) return Promise.reject(unauthorized('Not signed in'))
    if (lastError && Date.now() < cooldownUntil) return Promise.reject(lastError)
    inflightEpoch = epoch
    // biome-ignore lint/suspicious/noAssignInExpressions: minifies 2 bytes smaller than an assignment then a return (main-chunk budget)
    return (inflight = run(epoch, background, announce, organizationId))
  }

  return {
    refresh,
    async refreshWith(refreshToken) {
      const { tokens, next } = await exchange(++state.epoch, refreshToken, undefined)
      // Persisted before the event, as for a sign-in: a listener may read storage.
      await state.transition(next, 'update')
      return visible(cookie, tokens)
    },
    schedule,
  }
}

import { describe, expect, it, vi } from 'vitest'
import type { PlintoError } from '../index'
import { EMAIL, sharedStorage, useReferenceServer, useWholeSecondFakeTime } from './helpers'
import { API_URL, PASSWORD, nextEvent, recordEvents } from './integration-setup'

const { backend, client, signedIn, refreshes } = useReferenceServer()

/** A refresh as another holder of the token (a thief, another device) would make it, bypassing the SDK. */
async function refreshElsewhere(refreshToken: string | undefined) {
  const response = await fetch(`${API_URL}/api/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  })
  const body = (await response.json()) as { refresh_token?: string; error_code?: string }
  return { status: response.status, ...body }
}

/** Ages every access token issued so far past its 3600 s lifetime, on the server only. */
const expireAccessTokensOnServer = () => backend.clock.advance(3601_000)
/** The proactive refresh of a 3600 s token with the default 300 s threshold. */
const PROACTIVE_AT = (3600 - 300) * 1000

describe('transient refresh failures keep the session', () => {
  it.each([
    [
      'a 503',
      'INTERNAL_ERROR',
      1_000,
      () =>
        backend.faults.respond({
          path: '/auth/refresh',
          status: 503,
          body: { detail: 'Down for maintenance', error_code: 'INTERNAL_ERROR' },
        }),
    ],
    ['a network error', 'NETWORK_ERROR', 1_000, () => backend.faults.networkError({ path: '/auth/refresh' })],
    [
      'a 429',
      'RATE_LIMITED',
      5_000,
      () =>
        backend.faults.respond({
          path: '/auth/refresh',
          status: 429,
          headers: { 'Retry-After': '5' },
          body: { detail: 'Slow down', error_code: 'RATE_LIMITED', retry_after: 5 },
        }),
    ],
  ])(
    'on %s: stays signed in, reports an error event, retries with backoff and the same refresh token',
    async (_label, code, backoff, fail) => {
      useWholeSecondFakeTime()
      const { plinto, tokens } = await signedIn()
      const events = recordEvents(plinto)
      fail()
      const failed = nextEvent(plinto, 'error')
      await vi.advanceTimersByTimeAsync(PROACTIVE_AT)
      expect(await failed).toMatchObject({ code, retryable: true })
      expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
      expect(plinto.getSnapshot().status).toBe('signed_in')
      expect(events.signedOut).toHaveLength(0)
      expect(events.error).toHaveLength(1)

      // Backoff after one failure: 0.5–1 s, or Retry-After when the server gave one. Then the real server answers.
      const refreshed = nextEvent(plinto, 'tokenRefreshed')
      await vi.advanceTimersByTimeAsync(backoff)
      await refreshed
      expect(refreshes().map((r) => r.body)).toEqual([
        { refresh_token: tokens.refresh_token },
        { refresh_token: tokens.refresh_token },
      ])
      expect(events.tokenRefreshed).toHaveLength(1)
      expect(events.error).toHaveLength(1)
      expect(await plinto.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
    },
  )

  it('cooldown: after a failed refresh, callers get the failure without new requests until it passes', async () => {
    useWholeSecondFakeTime()
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    backend.faults.respond({
      path: '/auth/refresh',
      status: 503,
      body: { detail: 'Down for maintenance', error_code: 'INTERNAL_ERROR' },
    })
    const first = await plinto.auth.refreshToken().catch((error: PlintoError) => error)
    expect(first).toMatchObject({ code: 'INTERNAL_ERROR', status: 503 })
    for (let i = 0; i < 20; i++) await expect(plinto.auth.refreshToken()).rejects.toBe(first)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    // Backoff after one failure is 0.5–1 s; then the real server rotates the (never rotated) token.
    await vi.advanceTimersByTimeAsync(1_001)
    const next = await plinto.auth.refreshToken()
    expect(refreshes().map((r) => r.body)).toEqual([
      { refresh_token: tokens.refresh_token },
      { refresh_token: tokens.refresh_token },
    ])
    expect(next.refresh_token).not.toBe(tokens.refresh_token)
  })

  it('honours Retry-After from a 429 on refresh as the minimum cooldown', async () => {
    useWholeSecondFakeTime()
    const { plinto } = await signedIn({ session: { autoRefresh: false } })
    const limited = {
      path: '/auth/refresh',
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { detail: 'Slow down', error_code: 'RATE_LIMITED', retry_after: 30 },
    }
    backend.faults.respond({ ...limited, times: 2 })
    await expect(plinto.auth.refreshToken()).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfter: 30 })
    await vi.advanceTimersByTimeAsync(29_000)
    await expect(plinto.auth.refreshToken()).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    await vi.advanceTimersByTimeAsync(1_001)
    await expect(plinto.auth.refreshToken()).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(2)
    // The second Retry-After passes too, and the limit is over.
    await vi.advanceTimersByTimeAsync(30_001)
    await plinto.auth.refreshToken()
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(3)
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })
})

describe('terminal refresh failures sign out exactly once', () => {
  /** How the server comes to refuse the client's refresh token; resolves the refreshes made by others. */
  const endings: [
    code: string,
    reason: string,
    end: (tokens: { access_token: string; refresh_token?: string }) => Promise<number>,
  ][] = [
    [
      'REFRESH_TOKEN_REUSED',
      'reuse',
      async (tokens) => {
        // Someone else rotates our refresh token; past the 10 s grace window we present the old one.
        expect((await refreshElsewhere(tokens.refresh_token)).status).toBe(200)
        backend.clock.advance(11_000)
        expireAccessTokensOnServer()
        return 1
      },
    ],
    [
      'SESSION_REVOKED',
      'revoked',
      async () => {
        // Another device of the same user changes the password, which ends every other session.
        const other = client()
        await other.auth.signIn({ email: EMAIL, password: PASSWORD })
        await other.auth.changePassword({ current_password: PASSWORD, new_password: 'a brand new passphrase' })
        return 0
      },
    ],
    [
      'INVALID_REFRESH_TOKEN',
      'expired',
      async () => {
        // The refresh token's own 30-day lifetime runs out.
        backend.clock.advance(30 * 24 * 3600_000 + 1_000)
        return 0
      },
    ],
  ]

  it.each(endings)('%s → signedOut { reason: %s } once, even with 50 concurrent callers', async (code, reason, end) => {
    const storage = sharedStorage()
    const { plinto, tokens } = await signedIn({ tokenStorage: storage, session: { autoRefresh: false } })
    const events = recordEvents(plinto)
    let snapshots = 0
    plinto.subscribe(() => snapshots++)
    const byOthers = await end(tokens)
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => plinto.auth.getCurrentUser()))
    expect(results.every((result) => result.status === 'fulfilled' && result.value === null)).toBe(true)
    expect(
      refreshes()
        .slice(byOthers)
        .map((r) => r.body),
    ).toEqual([{ refresh_token: tokens.refresh_token }])
    expect(events.sessionExpired).toEqual([{ reason, error: expect.objectContaining({ code, status: 401 }) }])
    expect(events.signedOut).toEqual([{ reason }])
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_out', user: null })
    expect(snapshots).toBe(1)
    expect(storage.values.size).toBe(0)
    // The server's verdict stands: that refresh token opens nothing any more.
    expect((await refreshElsewhere(tokens.refresh_token)).status).toBe(401)
  })

  it('reuse revokes the whole session on the server: the pair the other holder got is dead too', async () => {
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    const stolen = await refreshElsewhere(tokens.refresh_token)
    backend.clock.advance(11_000)
    await expect(plinto.auth.refreshToken()).rejects.toMatchObject({ code: 'REFRESH_TOKEN_REUSED' })
    expect(plinto.getSnapshot().status).toBe('signed_out')
    expect(await refreshElsewhere(stolen.refresh_token)).toMatchObject({ status: 401, error_code: 'SESSION_REVOKED' })
  })

  it('other 4xx answers from /auth/refresh do not sign out', async () => {
    const { plinto } = await signedIn({ session: { autoRefresh: false } })
    // The reference server answers a refresh only with tokens or one of the three terminal codes; a
    // proxy or gateway in front of it may not.
    backend.faults.respond({
      path: '/auth/refresh',
      status: 401,
      body: { detail: 'Missing credentials', error_code: 'UNAUTHORIZED' },
    })
    await expect(plinto.auth.refreshToken()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(await plinto.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
  })

  it('a refresh that resolves after sign-out does not bring the session back', async () => {
    useWholeSecondFakeTime()
    const storage = sharedStorage()
    const { plinto } = await signedIn({ tokenStorage: storage })
    const events = recordEvents(plinto)
    // The refresh is held on its way; sign-out cannot reach the server, so the server still rotates.
    backend.faults.delay({ path: '/auth/refresh', ms: 1_000 })
    backend.faults.networkError({ path: '/auth/signout' })
    const pending = plinto.auth.refreshToken().catch((error: PlintoError) => error)
    await vi.advanceTimersByTimeAsync(10)
    await plinto.auth.signOut()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(await pending).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    expect(plinto.getSnapshot().status).toBe('signed_out')
    expect(events.signedOut).toEqual([{ reason: 'user' }])
    expect(events.tokenRefreshed).toHaveLength(0)
    expect(storage.values.size).toBe(0)
  })
})

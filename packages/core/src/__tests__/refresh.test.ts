import { describe, expect, it, vi } from 'vitest'
import { EMAIL, useReferenceServer, useWholeSecondFakeTime } from './helpers'
import { recordEvents } from './integration-setup'

const { backend, signedIn, refreshes } = useReferenceServer()

/**
 * Ages every access token issued so far past its 3600 s lifetime on the server only: the client does not
 * know, so its next request is refused with 401 TOKEN_EXPIRED.
 */
const expireAccessTokensOnServer = () => backend.clock.advance(3601_000)
const meRequests = () => backend.requests.filter((r) => r.method === 'GET' && r.path === '/auth/me')

describe('reactive refresh (401 → refresh → retry)', () => {
  it('refreshes once with the current refresh token and retries the refused request with the new access token', async () => {
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    expireAccessTokensOnServer()
    const user = await plinto.auth.getCurrentUser()
    expect(user).toMatchObject({ email: EMAIL })
    expect(refreshes().map((r) => r.body)).toEqual([{ refresh_token: tokens.refresh_token }])
    const [refused, retried] = meRequests()
    expect(meRequests()).toHaveLength(2)
    expect(refused!.headers.authorization).toBe(`Bearer ${tokens.access_token}`)
    expect(retried!.headers.authorization).toBe(`Bearer ${await plinto.getAccessToken()}`)
    expect(retried!.headers.authorization).not.toBe(refused!.headers.authorization)
  })

  it('single-flight: 50 concurrent callers hitting 401 cause exactly one POST /auth/refresh', async () => {
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    const events = recordEvents(plinto)
    expireAccessTokensOnServer()
    const users = await Promise.all(Array.from({ length: 50 }, () => plinto.auth.getCurrentUser()))
    expect(users.every((user) => user?.email === EMAIL)).toBe(true)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    // 50 refused with the old token, 50 retried with the one new token.
    const sentWith = (token: string | null | undefined) =>
      meRequests().filter((r) => r.headers.authorization === `Bearer ${token}`).length
    expect(meRequests()).toHaveLength(100)
    expect(sentWith(tokens.access_token)).toBe(50)
    expect(sentWith(await plinto.getAccessToken())).toBe(50)
    expect(events.tokenRefreshed).toHaveLength(1)
    expect(events.signedOut).toHaveLength(0)
  })

  it('single-flight: 50 concurrent refreshToken() calls share one request and one rotated pair', async () => {
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    const results = await Promise.all(Array.from({ length: 50 }, () => plinto.auth.refreshToken()))
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    expect(refreshes()[0]!.body).toEqual({ refresh_token: tokens.refresh_token })
    expect(new Set(results.map((result) => result.access_token)).size).toBe(1)
    expect(new Set(results.map((result) => result.refresh_token)).size).toBe(1)
    // The server rotated the pair: the new refresh token is a different one, and it is the one used next.
    expect(results[0]!.refresh_token).not.toBe(tokens.refresh_token)
    await plinto.auth.refreshToken()
    expect(refreshes()[1]!.body).toEqual({ refresh_token: results[0]!.refresh_token })
  })

  it('does not refresh on a 401 from a public endpoint (wrong password is not an expired token)', async () => {
    const { plinto } = await signedIn()
    await expect(plinto.auth.signIn({ email: EMAIL, password: 'not the password' })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      status: 401,
    })
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })
})

describe('getAccessToken', () => {
  it('returns the token as is while it has time left, and refreshes it first when it is about to expire', async () => {
    useWholeSecondFakeTime()
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    const first = await plinto.getAccessToken()
    expect(first).toBe(tokens.access_token)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)
    // 10 s left of the 3600 s token: too little for the caller's own request.
    await vi.advanceTimersByTimeAsync(3600_000 - 10_000)
    const second = await plinto.getAccessToken()
    expect(refreshes().map((r) => r.body)).toEqual([{ refresh_token: tokens.refresh_token }])
    expect(second).not.toBe(first)
    // The new token is one the server accepts: no further refresh needed.
    expect(await plinto.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
    expect(meRequests().map((r) => r.headers.authorization)).toEqual([`Bearer ${second}`])
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
  })

  it('during an outage: returns the still-valid token when the early refresh fails, throws once it has expired, recovers after', async () => {
    useWholeSecondFakeTime()
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    backend.faults.networkError({ path: '/auth/refresh', times: Infinity })
    await vi.advanceTimersByTimeAsync(3600_000 - 20_000)
    expect(await plinto.getAccessToken()).toBe(tokens.access_token)
    await vi.advanceTimersByTimeAsync(30_000)
    await expect(plinto.getAccessToken()).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(2)

    // The network is back; once the cooldown after two failures (1–2 s) has passed, the same refresh
    // token, never rotated by the failed attempts, still works.
    backend.faults.clear()
    await vi.advanceTimersByTimeAsync(2_000)
    const fresh = await plinto.getAccessToken()
    expect(fresh).not.toBe(tokens.access_token)
    expect(refreshes().map((r) => r.body)).toEqual(
      Array.from({ length: 3 }, () => ({ refresh_token: tokens.refresh_token })),
    )
    expect(await plinto.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
  })
})

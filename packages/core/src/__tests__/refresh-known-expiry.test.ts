import { describe, expect, it, vi } from 'vitest'
import { EMAIL, useReferenceServer, useWholeSecondFakeTime } from './helpers'
import { recordEvents } from './integration-setup'

const { backend, signedIn, refreshes } = useReferenceServer()
const meRequests = () => backend.requests.filter((r) => r.method === 'GET' && r.path === '/auth/me')
const sentWith = (token: string | null | undefined) =>
  meRequests().filter((r) => r.headers.authorization === `Bearer ${token}`).length

describe('a token the client knows to be expired is never sent', () => {
  it('50 concurrent calls after the laptop slept past the expiry: 1 POST /auth/refresh, then 50 GET /auth/me with the new token', async () => {
    useWholeSecondFakeTime()
    const { plinto, tokens } = await signedIn()
    const events = recordEvents(plinto)
    // Sleep: the clocks (client and server) jump past the 3600 s lifetime, but no timer fired.
    vi.setSystemTime(Date.now() + 3601_000)
    const users = await Promise.all(Array.from({ length: 50 }, () => plinto.auth.getCurrentUser()))
    expect(users.every((user) => user?.email === EMAIL)).toBe(true)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    expect(refreshes()[0]!.body).toEqual({ refresh_token: tokens.refresh_token })
    expect(meRequests()).toHaveLength(50)
    expect(sentWith(tokens.access_token)).toBe(0)
    expect(sentWith(await plinto.getAccessToken())).toBe(50)
    expect(events.tokenRefreshed).toHaveLength(1)
    expect(events.signedOut).toHaveLength(0)
  })

  it('a token within a few seconds of its expiry is refreshed first too; one with more time left is sent as it is', async () => {
    const start = useWholeSecondFakeTime()
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    vi.setSystemTime(start + 3600_000 - 60_000)
    await plinto.auth.getCurrentUser()
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)
    expect(sentWith(tokens.access_token)).toBe(1)
    vi.setSystemTime(start + 3600_000 - 2_000)
    await plinto.auth.getCurrentUser()
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    expect(meRequests()).toHaveLength(2)
    expect(sentWith(tokens.access_token)).toBe(1)
  })

  it('a token the server refuses early (its clock runs ahead) still goes 401 → refresh → retry, once', async () => {
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    // Only the server's clock passes the expiry: the client cannot know the token is refused.
    backend.clock.advance(3601_000)
    const events = recordEvents(plinto)
    expect(await plinto.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    const [refused, retried] = meRequests()
    expect(meRequests()).toHaveLength(2)
    expect(refused!.headers.authorization).toBe(`Bearer ${tokens.access_token}`)
    expect(retried!.headers.authorization).toBe(`Bearer ${await plinto.getAccessToken()}`)
    expect(events.tokenRefreshed).toHaveLength(1)
  })

  it('a session revoked on the server: the 401 (SESSION_REVOKED) leads to one refresh, which ends the session', async () => {
    const { plinto } = await signedIn({ session: { autoRefresh: false } })
    const events = recordEvents(plinto)
    // Ada on another device ends every other session, this client's included.
    const other = await signedIn({ session: { autoRefresh: false } })
    expect((await other.plinto.sessions.revokeAllSessions()).revoked_count).toBe(1)
    expect(await plinto.auth.getCurrentUser()).toBeNull()
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    expect(events.sessionExpired).toEqual([expect.objectContaining({ reason: 'revoked' })])
    expect(events.signedOut).toEqual([{ reason: 'revoked' }])
  })
})

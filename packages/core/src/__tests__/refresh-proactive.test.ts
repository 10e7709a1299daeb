import { describe, expect, it, vi } from 'vitest'
import { EMAIL, useReferenceServer, useWholeSecondFakeTime } from './helpers'
import { nextEvent, recordEvents } from './integration-setup'

// Short-lived access tokens, so the proactive schedule plays out in a minute of fake time.
const TTL = 60
const { backend, signedIn, refreshes } = useReferenceServer({ accessTokenTtl: TTL })

describe('proactive refresh', () => {
  it('refreshes refreshThreshold seconds before the real token expires', async () => {
    const start = useWholeSecondFakeTime()
    const { plinto, tokens } = await signedIn({ session: { refreshThreshold: 10 } })
    const events = recordEvents(plinto)
    expect(plinto.getSnapshot().expiresAt).toBe(start + TTL * 1000)
    await vi.advanceTimersByTimeAsync((TTL - 10) * 1000 - 1_000)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)
    const refreshed = nextEvent(plinto, 'tokenRefreshed')
    await vi.advanceTimersByTimeAsync(1_000)
    await refreshed
    expect(refreshes().map((r) => r.body)).toEqual([{ refresh_token: tokens.refresh_token }])
    // The server issued the new token at the refresh moment, for another full lifetime.
    const expiresAt = start + (TTL - 10) * 1000 + TTL * 1000
    expect(plinto.getSnapshot().expiresAt).toBe(expiresAt)
    expect(events.tokenRefreshed).toEqual([{ expiresAt, source: 'refresh' }])
    expect(await plinto.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
  })

  it('refreshes short-lived tokens halfway through their life instead of in a loop', async () => {
    useWholeSecondFakeTime()
    // The default threshold (300 s) is longer than the whole 60 s lifetime.
    const { plinto } = await signedIn()
    await vi.advanceTimersByTimeAsync(29_000)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)
    let refreshed = nextEvent(plinto, 'tokenRefreshed')
    await vi.advanceTimersByTimeAsync(1_000)
    await refreshed
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    await vi.advanceTimersByTimeAsync(29_000)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    refreshed = nextEvent(plinto, 'tokenRefreshed')
    await vi.advanceTimersByTimeAsync(1_000)
    await refreshed
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(2)
    // Each refresh presented the refresh token the previous rotation handed out.
    const [first, second] = refreshes()
    expect(second!.body).not.toEqual(first!.body)
  })

  it('does nothing in the background when autoRefresh is off; the expired token is refreshed on demand', async () => {
    useWholeSecondFakeTime()
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    await vi.advanceTimersByTimeAsync(4 * 3600 * 1000)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)
    expect(plinto.getSnapshot().status).toBe('signed_in')
    // The real token expired hours ago: the server refuses it, and the 401 path refreshes it.
    expect(await plinto.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
    expect(refreshes().map((r) => r.body)).toEqual([{ refresh_token: tokens.refresh_token }])
  })
})

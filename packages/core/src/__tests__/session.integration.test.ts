import { afterEach, describe, expect, it, vi } from 'vitest'
import { sharedStorage } from './helpers'
import { API_URL, PASSWORD, nextEvent, recordEvents, useBackend } from './integration-setup'

const { backend, client } = useBackend()
const EMAIL = 'ada@example.com'
afterEach(() => vi.useRealTimers())

/** Fake timers from a whole second, so a JWT's `exp` (whole seconds) makes deadlines exact. */
function useWholeSecondFakeTime() {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-06-01T12:00:00Z'))
}

async function signedIn(options: Parameters<typeof client>[0] = {}) {
  await backend.seedUser({ email: EMAIL, password: PASSWORD })
  const plinto = client(options)
  await plinto.ready()
  const result = await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
  return { plinto, ...result }
}

/** Moves the server past the access token's lifetime (3600 s) without touching the client's clock. */
const expireAccessToken = () => backend.clock.advance(3601_000)

describe('refresh against the reference server', () => {
  // The server's clock alone passes the expiry, so the client cannot know: each call is refused once and
  // retried (a token the client knows to be expired is refreshed first: refresh-known-expiry.test.ts).
  it('single-flight: 50 concurrent calls with an expired access token → one POST /auth/refresh, all succeed', async () => {
    const { plinto } = await signedIn({ session: { autoRefresh: false } })
    const events = recordEvents(plinto)
    expireAccessToken()
    const users = await Promise.all(Array.from({ length: 50 }, () => plinto.auth.getCurrentUser()))
    expect(users.every((user) => user?.email === EMAIL)).toBe(true)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    expect(backend.countRequests('GET', '/auth/me')).toBe(100)
    expect(events.tokenRefreshed).toHaveLength(1)
    expect(events.signedOut).toHaveLength(0)
  })

  it('proactive: refreshes refreshThreshold seconds before expiry on fake timers', async () => {
    useWholeSecondFakeTime()
    const { plinto, tokens } = await signedIn({ session: { refreshThreshold: 120 } })
    await vi.advanceTimersByTimeAsync((3600 - 120) * 1000 - 1_000)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)
    const refreshed = nextEvent(plinto, 'tokenRefreshed')
    await vi.advanceTimersByTimeAsync(2_000)
    expect(await refreshed).toMatchObject({ source: 'refresh' })
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    expect(backend.requests.find((r) => r.path === '/auth/refresh')!.body).toEqual({
      refresh_token: tokens.refresh_token,
    })
    expect(plinto.getSnapshot().expiresAt).toBeGreaterThan(Date.now() + 3000_000)
  })

  it('5xx and network failures during refresh keep the session, then recover', async () => {
    useWholeSecondFakeTime()
    const { plinto } = await signedIn()
    const events = recordEvents(plinto)
    backend.faults.respond({
      path: '/auth/refresh',
      status: 503,
      body: { detail: 'Down for maintenance', error_code: 'INTERNAL_ERROR' },
    })
    backend.faults.networkError({ path: '/auth/refresh' })
    let failed = nextEvent(plinto, 'error')
    await vi.advanceTimersByTimeAsync((3600 - 300) * 1000 + 1)
    expect(await failed).toMatchObject({ code: 'INTERNAL_ERROR' })
    expect(plinto.getSnapshot().status).toBe('signed_in')
    // First backoff: 0.5–1 s.
    failed = nextEvent(plinto, 'error')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(await failed).toMatchObject({ code: 'NETWORK_ERROR' })
    expect(plinto.getSnapshot().status).toBe('signed_in')
    // Second backoff: 1–2 s.
    const refreshed = nextEvent(plinto, 'tokenRefreshed')
    await vi.advanceTimersByTimeAsync(2_000)
    await refreshed
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(3)
    expect(events.tokenRefreshed).toHaveLength(1)
    expect(events.signedOut).toHaveLength(0)
  })

  it('refresh token reuse after the grace window → signed out exactly once (reason "reuse")', async () => {
    const storage = sharedStorage()
    const { plinto, tokens } = await signedIn({ tokenStorage: storage, session: { autoRefresh: false } })
    const events = recordEvents(plinto)
    // Someone else (a thief, a stale tab) rotates our refresh token; 11 s later we present the old one.
    const response = await fetch(`${API_URL}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: tokens.refresh_token }),
    })
    expect(response.status).toBe(200)
    backend.clock.advance(11_000)
    expireAccessToken()
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => plinto.auth.getCurrentUser()))
    expect(results.every((result) => result.status === 'fulfilled' && result.value === null)).toBe(true)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(2)
    expect(events.sessionExpired).toEqual([
      { reason: 'reuse', error: expect.objectContaining({ code: 'REFRESH_TOKEN_REUSED' }) },
    ])
    expect(events.signedOut).toEqual([{ reason: 'reuse' }])
    expect(storage.values.size).toBe(0)
  })

  it('a session ended elsewhere → SESSION_REVOKED on refresh → signed out (reason "revoked")', async () => {
    const { plinto, tokens } = await signedIn({ session: { autoRefresh: false } })
    const events = recordEvents(plinto)
    // The same session signs out from another device that holds the tokens.
    await fetch(`${API_URL}/api/v1/auth/signout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
    await expect(plinto.auth.refreshToken()).rejects.toMatchObject({
      code: expect.stringMatching(/SESSION_REVOKED|INVALID_REFRESH_TOKEN/),
    })
    expect(events.signedOut).toHaveLength(1)
    expect(['revoked', 'expired']).toContain(events.signedOut[0]!.reason)
    expect(plinto.getSnapshot().status).toBe('signed_out')
  })
})

describe('two tabs (shared storage + BroadcastChannel)', () => {
  it('one refreshes, the other adopts without refreshing again; sign-out propagates', async () => {
    useWholeSecondFakeTime()
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const storage = sharedStorage('session-two-tabs')
    const tabA = client({ tokenStorage: storage, tabSync: true })
    const tabB = client({ tokenStorage: storage, tabSync: true })
    await Promise.all([tabA.ready(), tabB.ready()])
    const eventsB = recordEvents(tabB)

    await tabA.auth.signIn({ email: EMAIL, password: PASSWORD })
    await vi.advanceTimersByTimeAsync(10)
    expect(tabB.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
    expect(eventsB.signedIn).toHaveLength(1)

    await tabA.auth.refreshToken()
    await vi.advanceTimersByTimeAsync(10)
    expect(eventsB.tokenRefreshed).toEqual([{ expiresAt: tabA.getSnapshot().expiresAt, source: 'other_tab' }])
    expect(await tabB.getAccessToken()).toBe(await tabA.getAccessToken())

    // Tab B's own refresh timer was moved to the new expiry: the original deadline passes quietly.
    await vi.advanceTimersByTimeAsync((3600 - 300) * 1000 - 5_000)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    expect(await tabB.auth.getCurrentUser()).toMatchObject({ email: EMAIL })

    await tabA.auth.signOut()
    await vi.advanceTimersByTimeAsync(10)
    expect(tabB.getSnapshot().status).toBe('signed_out')
    expect(eventsB.signedOut).toEqual([{ reason: 'other_tab' }])
    expect(backend.countRequests('POST', '/auth/signout')).toBe(1)
  })
})

describe('a tab that missed the broadcast', () => {
  it('does not replay its rotated refresh token after the grace window (which would revoke the session)', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const storage = sharedStorage()
    const tabA = client({ tokenStorage: storage, tabSync: false, session: { autoRefresh: false } })
    await tabA.ready()
    await tabA.auth.signIn({ email: EMAIL, password: PASSWORD })
    // Tab B opens later and restores the same session from storage; then A rotates the pair without telling B.
    const tabB = client({ tokenStorage: storage, tabSync: false, session: { autoRefresh: false } })
    await tabB.ready()
    expect(tabB.getSnapshot().status).toBe('signed_in')
    await tabA.auth.refreshToken()
    backend.clock.advance(11_000) // past the server's 10 s grace window
    const eventsB = recordEvents(tabB)
    await tabB.auth.refreshToken() // takes A's pair from storage instead of presenting its rotated token
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    expect(eventsB.signedOut).toHaveLength(0)
    expect(await tabB.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
    // The chain is healthy: B rotates it, and A in turn picks up B's pair.
    await tabB.auth.refreshToken()
    await tabA.auth.refreshToken()
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(2)
    expect(await tabA.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
    expect(tabA.getSnapshot().status).toBe('signed_in')
  })
})

describe('cookie transport', () => {
  it('keeps the refresh token out of JavaScript and restores the session with an empty-body refresh', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const local = new Map<string, string>()
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => local.get(k) ?? null,
      setItem: (k: string, v: string) => local.set(k, v),
      removeItem: (k: string) => local.delete(k),
    })
    try {
      const first = client({ tokenStorage: { type: 'cookie' } })
      await first.ready()
      expect(first.getSnapshot().status).toBe('signed_out')
      const { tokens } = await first.auth.signIn({ email: EMAIL, password: PASSWORD })
      expect(tokens.refresh_token).toBeUndefined()
      expect('refresh_token' in tokens).toBe(false)
      const signin = backend.requests.find((r) => r.path === '/auth/signin')!
      expect(signin.headers['x-plinto-token-transport']).toBe('cookie')
      expect(signin.credentials).toBe('include')
      expect(backend.cookies.header(new URL(`${API_URL}/api/v1/auth/refresh`))).toContain('plinto_refresh=')
      expect(local.size).toBe(0)

      // A page reload: a new client with nothing in storage restores from the cookie.
      const second = client({ tokenStorage: { type: 'cookie' } })
      await second.ready()
      expect(second.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
      const restore = backend.requests.filter((r) => r.path === '/auth/refresh').at(-1)!
      expect(restore.body).toBeUndefined()
      expect(restore.headers['x-plinto-token-transport']).toBe('cookie')
      const refreshed = await second.auth.refreshToken()
      expect('refresh_token' in refreshed).toBe(false)
      expect(local.size).toBe(0)

      await second.auth.signOut()
      const third = client({ tokenStorage: { type: 'cookie' } })
      await third.ready()
      expect(third.getSnapshot().status).toBe('signed_out')
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

import { http, HttpResponse, delay } from 'msw'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { PlintoClient, type PlintoError, type PlintoEvents } from '../index'
import { BASE, API, createFakeApi, errorBody, makeTokens, makeUser, sharedStorage } from './helpers'

const api = createFakeApi()
beforeAll(() => api.server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => api.server.close())

/** The server's idea of which access token is valid: /auth/me refuses every other one with 401. */
let valid = new Set<string>()
const clients: PlintoClient[] = []

beforeEach(() => {
  vi.useFakeTimers()
  // On a whole second, so a JWT's `exp` (whole seconds) is exactly now + lifetime and deadlines are exact.
  vi.setSystemTime(new Date('2026-06-01T12:00:00Z'))
  api.requests.length = 0
  valid = new Set()
  api.onRefresh(() => {
    const tokens = makeTokens()
    valid.add(tokens.access_token)
    return HttpResponse.json(tokens)
  })
  api.server.use(
    http.post(`${BASE}/auth/signin`, () => {
      const tokens = makeTokens()
      valid.add(tokens.access_token)
      return HttpResponse.json({ user: makeUser(), tokens })
    }),
    http.get(`${BASE}/auth/me`, ({ request }) => {
      api.requests.push({ method: 'GET', path: '/auth/me', body: undefined, headers: request.headers })
      const token = request.headers.get('authorization')?.replace('Bearer ', '') ?? ''
      return valid.has(token) ? HttpResponse.json(makeUser()) : errorBody(401, 'TOKEN_EXPIRED')
    }),
  )
})
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose()
  api.server.resetHandlers()
  vi.useRealTimers()
})

function record(plinto: PlintoClient) {
  const seen: { [E in keyof PlintoEvents]: PlintoEvents[E][] } = { signedIn: [], signedOut: [], tokenRefreshed: [], userUpdated: [], sessionExpired: [], error: [] }
  for (const name of Object.keys(seen) as (keyof PlintoEvents)[]) plinto.on(name, (payload) => (seen[name] as unknown[]).push(payload))
  return seen
}

async function signedInClient(options: Partial<ConstructorParameters<typeof PlintoClient>[0]> = {}) {
  const plinto = new PlintoClient({ apiUrl: API, tokenStorage: sharedStorage(), ...options })
  clients.push(plinto)
  await plinto.ready()
  await plinto.auth.signIn({ email: 'ada@example.com', password: 'pw' })
  api.requests.length = 0
  return plinto
}

const expireAccessTokens = () => valid.clear()
const refreshCount = () => api.count('POST', '/auth/refresh')

describe('reactive refresh (401 → refresh → retry)', () => {
  // The retry after a refresh is immediate; these tests involve no waiting, so real timers.
  beforeEach(() => vi.useRealTimers())

  it('refreshes once and retries the refused request with the new token', async () => {
    const plinto = await signedInClient()
    expireAccessTokens()
    const user = await plinto.auth.getCurrentUser()
    expect(user).toMatchObject({ id: 'usr_1' })
    expect(refreshCount()).toBe(1)
    const meCalls = api.requests.filter((r) => r.path === '/auth/me')
    expect(meCalls).toHaveLength(2)
    expect(meCalls[1]!.headers.get('authorization')).not.toBe(meCalls[0]!.headers.get('authorization'))
  })

  it('single-flight: 50 concurrent callers hitting 401 cause exactly one POST /auth/refresh', async () => {
    const plinto = await signedInClient()
    const events = record(plinto)
    expireAccessTokens()
    const results = await Promise.all(Array.from({ length: 50 }, () => plinto.auth.getCurrentUser()))
    expect(results.every((user) => user?.id === 'usr_1')).toBe(true)
    expect(refreshCount()).toBe(1)
    expect(events.tokenRefreshed).toHaveLength(1)
  })

  it('single-flight: 50 concurrent refreshToken() calls share one request and one result', async () => {
    const plinto = await signedInClient()
    const results = await Promise.all(Array.from({ length: 50 }, () => plinto.auth.refreshToken()))
    expect(refreshCount()).toBe(1)
    expect(new Set(results.map((tokens) => tokens.access_token)).size).toBe(1)
    expect(api.requests.find((r) => r.path === '/auth/refresh')!.body).toMatchObject({ refresh_token: expect.stringMatching(/^rt_/) })
  })

  it('does not refresh on a 401 from a public endpoint (wrong password is not an expired token)', async () => {
    const plinto = await signedInClient()
    api.server.use(http.post(`${BASE}/auth/signin`, () => errorBody(401, 'INVALID_CREDENTIALS')))
    await expect(plinto.auth.signIn({ email: 'ada@example.com', password: 'bad' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' })
    expect(refreshCount()).toBe(0)
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })
})

describe('proactive refresh', () => {
  it('refreshes refreshThreshold seconds before expiry', async () => {
    const plinto = await signedInClient({ session: { refreshThreshold: 300 } })
    const events = record(plinto)
    const before = plinto.getSnapshot().expiresAt!
    await vi.advanceTimersByTimeAsync((3600 - 300) * 1000 - 2_000)
    expect(refreshCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(4_000)
    expect(refreshCount()).toBe(1)
    expect(events.tokenRefreshed).toEqual([{ expiresAt: plinto.getSnapshot().expiresAt, source: 'refresh' }])
    expect(plinto.getSnapshot().expiresAt!).toBeGreaterThan(before)
  })

  it('refreshes short-lived tokens halfway through their life instead of in a loop', async () => {
    api.server.use(
      http.post(`${BASE}/auth/signin`, () => {
        const tokens = makeTokens(60)
        valid.add(tokens.access_token)
        return HttpResponse.json({ user: makeUser(), tokens })
      }),
    )
    api.onRefresh(() => HttpResponse.json(makeTokens(60)))
    await signedInClient()
    await vi.advanceTimersByTimeAsync(29_000)
    expect(refreshCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(refreshCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(refreshCount()).toBe(2)
  })

  it('does nothing in the background when autoRefresh is off', async () => {
    await signedInClient({ session: { autoRefresh: false } })
    await vi.advanceTimersByTimeAsync(4 * 3600 * 1000)
    expect(refreshCount()).toBe(0)
  })
})

describe('transient refresh failures keep the session', () => {
  it.each([
    ['a 503', () => errorBody(503, 'INTERNAL_ERROR')],
    ['a network error', () => HttpResponse.error()],
    ['a 429', () => errorBody(429, 'RATE_LIMITED', { retry_after: 5 }, { 'Retry-After': '5' })],
  ])('on %s: stays signed in, reports an error event, retries with backoff', async (_label, failure) => {
    const plinto = await signedInClient()
    const events = record(plinto)
    api.onRefresh(failure)
    await vi.advanceTimersByTimeAsync((3600 - 300) * 1000 + 1)
    expect(refreshCount()).toBe(1)
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(events.signedOut).toHaveLength(0)
    expect(events.error).toHaveLength(1)
    expect(events.error[0]!.retryable).toBe(true)
    api.onRefresh(() => HttpResponse.json(makeTokens()))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(refreshCount()).toBe(2)
    expect(events.tokenRefreshed).toHaveLength(1)
  })

  it('cooldown: after a failed refresh, callers get the failure without new requests until it passes', async () => {
    const plinto = await signedInClient({ session: { autoRefresh: false } })
    api.onRefresh(() => errorBody(503, 'INTERNAL_ERROR'))
    const first = await plinto.auth.refreshToken().catch((error: PlintoError) => error)
    expect(first).toMatchObject({ code: 'INTERNAL_ERROR' })
    for (let i = 0; i < 20; i++) await expect(plinto.auth.refreshToken()).rejects.toBe(first)
    expect(refreshCount()).toBe(1)
    // Backoff after one failure is 0.5–1 s.
    await vi.advanceTimersByTimeAsync(1_001)
    api.onRefresh(() => HttpResponse.json(makeTokens()))
    await plinto.auth.refreshToken()
    expect(refreshCount()).toBe(2)
  })

  it('honours Retry-After from a 429 on refresh as the minimum cooldown', async () => {
    const plinto = await signedInClient({ session: { autoRefresh: false } })
    api.onRefresh(() => errorBody(429, 'RATE_LIMITED', { retry_after: 30 }, { 'Retry-After': '30' }))
    await expect(plinto.auth.refreshToken()).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfter: 30 })
    await vi.advanceTimersByTimeAsync(29_000)
    await expect(plinto.auth.refreshToken()).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    expect(refreshCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(1_001)
    await expect(plinto.auth.refreshToken()).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    expect(refreshCount()).toBe(2)
  })
})

describe('terminal refresh failures sign out exactly once', () => {
  it.each([
    ['REFRESH_TOKEN_REUSED', 'reuse'],
    ['SESSION_REVOKED', 'revoked'],
    ['INVALID_REFRESH_TOKEN', 'expired'],
  ])('%s → signedOut { reason: %s } once, even with 50 concurrent callers', async (code, reason) => {
    const storage = sharedStorage()
    const plinto = await signedInClient({ tokenStorage: storage })
    const events = record(plinto)
    let snapshots = 0
    plinto.subscribe(() => snapshots++)
    api.onRefresh(() => errorBody(401, code))
    expireAccessTokens()
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => plinto.auth.getCurrentUser()))
    expect(results.every((result) => result.status === 'fulfilled' && result.value === null)).toBe(true)
    expect(refreshCount()).toBe(1)
    expect(events.signedOut).toEqual([{ reason }])
    expect(events.sessionExpired).toHaveLength(1)
    expect(events.sessionExpired[0]).toMatchObject({ reason, error: { code } })
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_out', user: null })
    expect(snapshots).toBe(1)
    expect(storage.values.size).toBe(0)
  })

  it('other 4xx answers from /auth/refresh do not sign out', async () => {
    const plinto = await signedInClient({ session: { autoRefresh: false } })
    api.onRefresh(() => errorBody(401, 'UNAUTHORIZED'))
    await expect(plinto.auth.refreshToken()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })

  it('a refresh that resolves after sign-out does not bring the session back', async () => {
    const plinto = await signedInClient()
    api.onRefresh(async () => {
      await delay(1_000)
      return HttpResponse.json(makeTokens())
    })
    const pending = plinto.auth.refreshToken().catch((error: PlintoError) => error)
    await vi.advanceTimersByTimeAsync(10)
    await plinto.auth.signOut()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(await pending).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(plinto.getSnapshot().status).toBe('signed_out')
  })
})

describe('getAccessToken', () => {
  it('returns the token, refreshing it first when it is about to expire', async () => {
    const plinto = await signedInClient({ session: { autoRefresh: false } })
    const first = await plinto.getAccessToken()
    expect(first).toMatch(/\./)
    expect(refreshCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(3600_000 - 10_000)
    const second = await plinto.getAccessToken()
    expect(refreshCount()).toBe(1)
    expect(second).not.toBe(first)
  })
})

describe('getAccessToken during an outage', () => {
  it('returns the still-valid token when the early refresh fails, and throws once it has expired', async () => {
    const plinto = await signedInClient({ session: { autoRefresh: false } })
    const token = await plinto.getAccessToken()
    api.onRefresh(() => HttpResponse.error())
    await vi.advanceTimersByTimeAsync(3600_000 - 20_000)
    expect(await plinto.getAccessToken()).toBe(token)
    await vi.advanceTimersByTimeAsync(30_000)
    await expect(plinto.getAccessToken()).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })
})

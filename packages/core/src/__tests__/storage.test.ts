import { http, HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { PlintoClient, createMemoryStorage, type PlintoError, type StorageAdapter } from '../index'
import { API, BASE, createFakeApi, makeTokens, makeUser, sharedStorage, storedSession } from './helpers'

const api = createFakeApi()
beforeAll(() => api.server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => api.server.close())
const clients: PlintoClient[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose()
  api.server.resetHandlers()
  api.requests.length = 0
  vi.unstubAllGlobals()
  vi.useRealTimers()
})
const make = (options: Partial<ConstructorParameters<typeof PlintoClient>[0]>) => {
  const client = new PlintoClient({ apiUrl: API, ...options })
  clients.push(client)
  return client
}

/** A Web Storage stand-in, installed as globalThis.localStorage / sessionStorage. */
function fakeWebStorage(failing = false): Storage & { values: Map<string, string> } {
  const values = new Map<string, string>()
  return {
    values,
    get length() {
      return values.size
    },
    key: (index: number) => [...values.keys()][index] ?? null,
    clear: () => values.clear(),
    getItem: (key: string) => values.get(key) ?? null,
    setItem(key: string, value: string) {
      if (failing) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      values.set(key, value)
    },
    removeItem: (key: string) => void values.delete(key),
  }
}

describe('restoring a stored session', () => {
  it('starts loading, then signs in from a valid record without any request', async () => {
    const storage = sharedStorage()
    storage.values.set('plinto_auth_token', storedSession())
    const plinto = make({ tokenStorage: storage })
    expect(plinto.getSnapshot().status).toBe('loading')
    await plinto.ready()
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_in', user: { id: 'usr_1' } })
    expect(api.requests).toHaveLength(0)
  })

  it.each([
    ['not JSON', '{not json'],
    ['a bare token from an older SDK', 'eyJhbGciOi.eyJzdWIi.sig'],
    ['another app\u2019s JSON', JSON.stringify({ theme: 'dark' })],
    ['a record of another version', JSON.stringify({ ...JSON.parse(storedSession()), v: 2 })],
    ['a record with a broken user', JSON.stringify({ ...JSON.parse(storedSession()), user: { id: 1 } })],
  ])('discards and removes %s, never throwing', async (_label, raw) => {
    const storage = sharedStorage()
    storage.values.set('plinto_auth_token', raw)
    const plinto = make({ tokenStorage: storage })
    await plinto.ready()
    expect(plinto.getSnapshot().status).toBe('signed_out')
    expect(storage.values.has('plinto_auth_token')).toBe(false)
  })

  it('refreshes a stored session whose access token has expired before reporting ready', async () => {
    const storage = sharedStorage()
    storage.values.set('plinto_auth_token', storedSession({ expiresIn: -60, refreshToken: 'rt_old' }))
    const plinto = make({ tokenStorage: storage })
    await plinto.ready()
    expect(api.count('POST', '/auth/refresh')).toBe(1)
    expect(api.requests[0]!.body).toEqual({ refresh_token: 'rt_old' })
    expect(plinto.getSnapshot().expiresAt).toBeGreaterThan(Date.now())
    expect(JSON.parse(storage.values.get('plinto_auth_token')!).refresh_token).not.toBe('rt_old')
  })

  it('works with an asynchronous custom adapter', async () => {
    const values = new Map([['plinto_auth_token', storedSession()]])
    const adapter: StorageAdapter = {
      getItem: async (key) => values.get(key) ?? null,
      setItem: async (key, value) => void values.set(key, value),
      removeItem: async (key) => void values.delete(key),
    }
    const plinto = make({ tokenStorage: adapter, session: { autoRefresh: false } })
    expect(plinto.getSnapshot().status).toBe('loading')
    await plinto.ready()
    expect(plinto.getSnapshot().status).toBe('signed_in')
    await plinto.auth.signOut()
    expect(values.has('plinto_auth_token')).toBe(false)
  })
})

describe('web storage modes', () => {
  it('localStorage: persists the versioned record under the configured key', async () => {
    const local = fakeWebStorage()
    vi.stubGlobal('localStorage', local)
    const plinto = make({ tokenStorage: { type: 'localStorage', key: 'my_key' } })
    await plinto.ready()
    await plinto.auth.signIn({ email: 'ada@example.com', password: 'pw' })
    const record = JSON.parse(local.values.get('my_key')!)
    expect(record).toMatchObject({ v: 1, access_token: expect.any(String), refresh_token: expect.any(String), user: { id: 'usr_1' } })
    await plinto.auth.signOut()
    expect(local.values.has('my_key')).toBe(false)
  })

  it('sessionStorage: uses sessionStorage, not localStorage', async () => {
    const local = fakeWebStorage()
    const session = fakeWebStorage()
    vi.stubGlobal('localStorage', local)
    vi.stubGlobal('sessionStorage', session)
    const plinto = make({ tokenStorage: { type: 'sessionStorage' } })
    await plinto.ready()
    await plinto.auth.signIn({ email: 'ada@example.com', password: 'pw' })
    expect(session.values.has('plinto_auth_token')).toBe(true)
    expect(local.values.size).toBe(0)
  })

  it('storage that throws (quota, disabled): keeps working in memory and emits STORAGE_ERROR once', async () => {
    vi.stubGlobal('localStorage', fakeWebStorage(true))
    const plinto = make({ tokenStorage: { type: 'localStorage' }, session: { autoRefresh: false } })
    const errors: PlintoError[] = []
    plinto.on('error', (error) => errors.push(error))
    await plinto.ready()
    const { user } = await plinto.auth.signIn({ email: 'ada@example.com', password: 'pw' })
    expect(user.id).toBe('usr_1')
    await plinto.auth.refreshToken()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'STORAGE_ERROR' })
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(await plinto.getAccessToken()).toEqual(expect.any(String))
  })

  it('storage whose property access throws (blocked cookies) falls back to memory with STORAGE_ERROR', async () => {
    Object.defineProperty(globalThis, 'sessionStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied', 'SecurityError')
      },
    })
    try {
      const plinto = make({ tokenStorage: { type: 'sessionStorage' } })
      const errors: PlintoError[] = []
      plinto.on('error', (error) => errors.push(error))
      await plinto.ready()
      await plinto.auth.signIn({ email: 'ada@example.com', password: 'pw' })
      expect(errors.map((error) => error.code)).toEqual(['STORAGE_ERROR'])
      expect(plinto.getSnapshot().status).toBe('signed_in')
    } finally {
      delete (globalThis as { sessionStorage?: unknown }).sessionStorage
    }
  })
})

describe('SSR / Node', () => {
  it('runs with memory storage: no window, no localStorage, nothing kept alive', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const plinto = make({})
    expect(plinto.config.storage.type).toBe('memory')
    await plinto.ready()
    expect(plinto.getSnapshot().status).toBe('signed_out')
    await plinto.auth.signIn({ email: 'ada@example.com', password: 'pw' })
    expect(plinto.getSnapshot().status).toBe('signed_in')
    // A second client (another request on the same server) shares nothing with the first.
    const other = make({})
    await other.ready()
    expect(other.getSnapshot().status).toBe('signed_out')
  })

  it('two memory clients never sync sessions on a server', async () => {
    const a = make({ tokenStorage: createMemoryStorage() })
    const b = make({ tokenStorage: createMemoryStorage() })
    await Promise.all([a.ready(), b.ready()])
    await a.auth.signIn({ email: 'ada@example.com', password: 'pw' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(b.getSnapshot().status).toBe('signed_out')
  })

  it('imports without touching browser globals', async () => {
    const spy = vi.fn()
    vi.stubGlobal('localStorage', new Proxy({}, { get: (_t, prop) => (spy(prop), undefined) }))
    vi.resetModules()
    await import('../index')
    expect(spy).not.toHaveBeenCalled()
  })
})

it('signUp result and stored record agree', async () => {
  api.server.use(http.post(`${BASE}/auth/signup`, () => HttpResponse.json({ user: makeUser({ email_verified: false }), tokens: makeTokens() }, { status: 201 })))
  const storage = sharedStorage()
  const plinto = make({ tokenStorage: storage })
  const { user, tokens } = await plinto.auth.signUp({ email: 'ada@example.com', password: 'correct horse battery' })
  expect(JSON.parse(storage.values.get('plinto_auth_token')!)).toMatchObject({ access_token: tokens.access_token, refresh_token: tokens.refresh_token, user })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStorage, type PlintoError, type StorageAdapter } from '../index'
import { EMAIL, sharedStorage, useReferenceServer, useWholeSecondFakeTime } from './helpers'
import { PASSWORD } from './integration-setup'

const { backend, client, seedAda, signedIn, expectSessionsNotShared } = useReferenceServer()
afterEach(() => vi.unstubAllGlobals())

const KEY = 'plinto_auth_token'

/** A real session record: Ada signs in on a page that is then closed, leaving its storage behind. */
async function leftBehind() {
  const storage = sharedStorage()
  const { plinto, user, tokens } = await signedIn({ tokenStorage: storage, session: { autoRefresh: false } })
  plinto.dispose()
  return { storage, raw: storage.values.get(KEY)!, user, tokens }
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
    const { storage, user } = await leftBehind()
    const seen = backend.requests.length
    const plinto = client({ tokenStorage: storage })
    expect(plinto.getSnapshot().status).toBe('loading')
    await plinto.ready()
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_in', user })
    expect(backend.requests).toHaveLength(seen)
  })

  it.each([
    ['not JSON', () => '{not json'],
    ['a bare token from an older SDK', (record: string) => JSON.parse(record).access_token as string],
    ['another app\u2019s JSON', () => JSON.stringify({ theme: 'dark' })],
    ['a record of another version', (record: string) => JSON.stringify({ ...JSON.parse(record), v: 2 })],
    ['a record with a broken user', (record: string) => JSON.stringify({ ...JSON.parse(record), user: { id: 1 } })],
  ])('discards and removes %s, never throwing and never sending it', async (_label, corrupt) => {
    const { storage, raw } = await leftBehind()
    storage.values.set(KEY, corrupt(raw))
    const seen = backend.requests.length
    const plinto = client({ tokenStorage: storage })
    await plinto.ready()
    expect(plinto.getSnapshot().status).toBe('signed_out')
    expect(storage.values.has(KEY)).toBe(false)
    expect(backend.requests).toHaveLength(seen)
  })

  it('refreshes a stored session whose access token has expired before reporting ready', async () => {
    useWholeSecondFakeTime()
    const { storage, tokens } = await leftBehind()
    // The page is opened again an hour and a minute later: the real 3600 s token has expired.
    vi.setSystemTime(Date.now() + 3660_000)
    const plinto = client({ tokenStorage: storage })
    await plinto.ready()
    expect(backend.requests.filter((r) => r.path === '/auth/refresh').map((r) => r.body)).toEqual([
      { refresh_token: tokens.refresh_token },
    ])
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_in', expiresAt: Date.now() + 3600_000 })
    const stored = JSON.parse(storage.values.get(KEY)!)
    expect(stored.refresh_token).not.toBe(tokens.refresh_token)
    expect(stored.access_token).not.toBe(tokens.access_token)
    // The refreshed token is accepted as it is.
    expect(await plinto.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
  })

  it('works with an asynchronous custom adapter', async () => {
    const { raw } = await leftBehind()
    const values = new Map([[KEY, raw]])
    const adapter: StorageAdapter = {
      getItem: async (key) => values.get(key) ?? null,
      setItem: async (key, value) => void values.set(key, value),
      removeItem: async (key) => void values.delete(key),
    }
    const plinto = client({ tokenStorage: adapter, session: { autoRefresh: false } })
    expect(plinto.getSnapshot().status).toBe('loading')
    await plinto.ready()
    expect(plinto.getSnapshot().status).toBe('signed_in')
    await plinto.auth.signOut()
    expect(values.has(KEY)).toBe(false)
    expect(backend.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/auth/signout',
      headers: { authorization: `Bearer ${JSON.parse(raw).access_token}` },
    })
  })
})

describe('web storage modes', () => {
  it('localStorage: persists the versioned record under the configured key', async () => {
    await seedAda()
    const local = fakeWebStorage()
    vi.stubGlobal('localStorage', local)
    const plinto = client({ tokenStorage: { type: 'localStorage', key: 'my_key' } })
    await plinto.ready()
    const { user, tokens } = await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    expect(JSON.parse(local.values.get('my_key')!)).toEqual({
      v: 1,
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      expires_at: plinto.getSnapshot().expiresAt,
      user,
    })
    await plinto.auth.signOut()
    expect(local.values.has('my_key')).toBe(false)
  })

  it('sessionStorage: uses sessionStorage, not localStorage', async () => {
    await seedAda()
    const local = fakeWebStorage()
    const session = fakeWebStorage()
    vi.stubGlobal('localStorage', local)
    vi.stubGlobal('sessionStorage', session)
    const plinto = client({ tokenStorage: { type: 'sessionStorage' } })
    await plinto.ready()
    await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    expect(session.values.has(KEY)).toBe(true)
    expect(local.values.size).toBe(0)
  })

  it('storage that throws (quota, disabled): keeps working in memory and emits STORAGE_ERROR once', async () => {
    await seedAda()
    vi.stubGlobal('localStorage', fakeWebStorage(true))
    const plinto = client({ tokenStorage: { type: 'localStorage' }, session: { autoRefresh: false } })
    const errors: PlintoError[] = []
    plinto.on('error', (error) => errors.push(error))
    await plinto.ready()
    const { user } = await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    expect(user.email).toBe(EMAIL)
    const refreshed = await plinto.auth.refreshToken()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'STORAGE_ERROR' })
    expect(plinto.getSnapshot().status).toBe('signed_in')
    // The rotated pair lives on in memory and is the one in use.
    expect(await plinto.getAccessToken()).toBe(refreshed.access_token)
    await plinto.auth.refreshToken()
    expect(backend.requests.filter((r) => r.path === '/auth/refresh').at(-1)!.body).toEqual({
      refresh_token: refreshed.refresh_token,
    })
  })

  it('storage whose property access throws (blocked cookies) falls back to memory with STORAGE_ERROR', async () => {
    await seedAda()
    Object.defineProperty(globalThis, 'sessionStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied', 'SecurityError')
      },
    })
    try {
      const plinto = client({ tokenStorage: { type: 'sessionStorage' } })
      const errors: PlintoError[] = []
      plinto.on('error', (error) => errors.push(error))
      await plinto.ready()
      await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
      expect(errors.map((error) => error.code)).toEqual(['STORAGE_ERROR'])
      expect(plinto.getSnapshot().status).toBe('signed_in')
    } finally {
      delete (globalThis as { sessionStorage?: unknown }).sessionStorage
    }
  })
})

describe('SSR / Node', () => {
  it('runs with memory storage: no window, no localStorage, nothing kept alive', async () => {
    await seedAda()
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const plinto = client({ tokenStorage: undefined })
    expect(plinto.config.storage.type).toBe('memory')
    await plinto.ready()
    expect(plinto.getSnapshot().status).toBe('signed_out')
    await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    expect(plinto.getSnapshot().status).toBe('signed_in')
    // A second client (another request on the same server) shares nothing with the first.
    const other = client({ tokenStorage: undefined })
    await other.ready()
    expect(other.getSnapshot().status).toBe('signed_out')
  })

  it('two memory clients never sync sessions on a server', async () => {
    await expectSessionsNotShared(() => createMemoryStorage())
  })

  it('imports without touching browser globals', async () => {
    const spy = vi.fn()
    vi.stubGlobal(
      'localStorage',
      new Proxy(
        {},
        {
          get: (_t, prop) => {
            spy(prop)
            return undefined
          },
        },
      ),
    )
    vi.resetModules()
    await import('../index')
    expect(spy).not.toHaveBeenCalled()
  })
})

it('signUp result and stored record agree', async () => {
  const storage = sharedStorage()
  const plinto = client({ tokenStorage: storage })
  const { user, tokens } = await plinto.auth.signUp({ email: EMAIL, password: PASSWORD })
  expect(user).toMatchObject({ email: EMAIL, email_verified: false })
  expect(JSON.parse(storage.values.get(KEY)!)).toMatchObject({
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    user,
  })
})

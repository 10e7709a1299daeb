import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { PlintoClient } from '../index'
import { API, createFakeApi, sharedStorage, storedSession } from './helpers'

const api = createFakeApi()
beforeAll(() => api.server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => api.server.close())
const clients: PlintoClient[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose()
  api.requests.length = 0
  vi.unstubAllGlobals()
})
const make = (options: Partial<ConstructorParameters<typeof PlintoClient>[0]>) => {
  const client = new PlintoClient({ apiUrl: API, ...options })
  clients.push(client)
  return client
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('cross-tab sync', () => {
  it('ignores malformed messages on the channel', async () => {
    const storage = sharedStorage('tab-sync-malformed')
    const plinto = make({ tokenStorage: storage, tabSync: true })
    await plinto.ready()
    const channel = new BroadcastChannel('tab-sync-malformed')
    channel.postMessage({ v: 1, type: 'session', session: '{"v":1,"access_token":"x"}' })
    channel.postMessage({ type: 'signed_out' })
    channel.postMessage('garbage')
    channel.postMessage({ v: 1, type: 'session', session: storedSession() })
    await tick()
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_in', user: { id: 'usr_1' } })
    channel.postMessage({ v: 1, type: 'signed_out' })
    await tick()
    expect(plinto.getSnapshot().status).toBe('signed_out')
    channel.close()
  })

  it('uses storage events where there is no BroadcastChannel', async () => {
    const target = new EventTarget()
    const values = new Map<string, string>()
    const local = { getItem: (k: string) => values.get(k) ?? null, setItem: (k: string, v: string) => void values.set(k, v), removeItem: (k: string) => void values.delete(k) }
    vi.stubGlobal('BroadcastChannel', undefined)
    vi.stubGlobal('localStorage', local)
    vi.stubGlobal('addEventListener', target.addEventListener.bind(target))
    vi.stubGlobal('removeEventListener', target.removeEventListener.bind(target))
    const plinto = make({ tokenStorage: { type: 'localStorage' }, tabSync: true })
    await plinto.ready()
    const storageEvent = (newValue: string | null, storageArea: unknown = local) =>
      Object.assign(new Event('storage'), { key: 'plinto_auth_token', newValue, storageArea })
    const record = storedSession()
    target.dispatchEvent(storageEvent(record, {}))
    expect(plinto.getSnapshot().status).toBe('signed_out')
    target.dispatchEvent(storageEvent(record))
    expect(plinto.getSnapshot().status).toBe('signed_in')
    target.dispatchEvent(storageEvent(null))
    expect(plinto.getSnapshot().status).toBe('signed_out')
    plinto.dispose()
    target.dispatchEvent(storageEvent(record))
    expect(plinto.getSnapshot().status).toBe('signed_out')
    expect(api.requests).toHaveLength(0)
  })

  it('is off by default on a server, so one user never receives another user\u2019s session', async () => {
    const storage = sharedStorage()
    const a = make({ tokenStorage: storage })
    const b = make({ tokenStorage: sharedStorage() })
    await Promise.all([a.ready(), b.ready()])
    await a.auth.signIn({ email: 'ada@example.com', password: 'pw' })
    await tick()
    expect(b.getSnapshot().status).toBe('signed_out')
  })
})

describe('tabs that missed a message', () => {
  it('adopt newer tokens found in shared storage instead of refreshing (and replaying) their own', async () => {
    const storage = sharedStorage()
    const a = make({ tokenStorage: storage, tabSync: false, session: { autoRefresh: false } })
    await a.ready()
    await a.auth.signIn({ email: 'ada@example.com', password: 'pw' })
    const b = make({ tokenStorage: storage, tabSync: false, session: { autoRefresh: false } })
    await b.ready()
    const refreshedB = vi.fn()
    b.on('tokenRefreshed', refreshedB)
    const fromA = await a.auth.refreshToken()
    api.requests.length = 0
    const fromB = await b.auth.refreshToken()
    expect(api.requests).toHaveLength(0)
    expect(fromB.access_token).toBe(fromA.access_token)
    expect(fromB.refresh_token).toBe(fromA.refresh_token)
    expect(refreshedB).toHaveBeenCalledWith({ expiresAt: a.getSnapshot().expiresAt, source: 'other_tab' })
  })

  it('refresh with the newer stored refresh token when the stored access token is nearly expired too', async () => {
    const storage = sharedStorage()
    storage.values.set('plinto_auth_token', storedSession({ expiresIn: 30, refreshToken: 'rt_mine' }))
    const b = make({ tokenStorage: storage, session: { autoRefresh: false } })
    await b.ready()
    storage.values.set('plinto_auth_token', storedSession({ expiresIn: 40, refreshToken: 'rt_newer' }))
    await b.auth.refreshToken()
    expect(api.requests.filter((r) => r.path === '/auth/refresh').map((r) => r.body)).toEqual([{ refresh_token: 'rt_newer' }])
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PlintoClient, PlintoEvents } from '../index'
import { EMAIL, sharedStorage, useReferenceServer, useWholeSecondFakeTime } from './helpers'
import { nextEvent } from './integration-setup'

const { backend, client, signedIn, refreshes, expectSessionsNotShared } = useReferenceServer()
afterEach(() => vi.unstubAllGlobals())

const KEY = 'plinto_auth_token'

/** Every event a client emits, in order, by name. */
function eventLog(plinto: PlintoClient) {
  const log: string[] = []
  for (const name of [
    'signedIn',
    'signedOut',
    'tokenRefreshed',
    'userUpdated',
    'sessionExpired',
    'error',
  ] as (keyof PlintoEvents)[]) {
    plinto.on(name, () => log.push(name))
  }
  return log
}

describe('cross-tab sync', () => {
  it('ignores malformed messages on the channel and follows valid ones', async () => {
    // Real records of another tab: its sign-in, then its refresh.
    const other = sharedStorage()
    const { plinto: otherTab } = await signedIn({ tokenStorage: other, session: { autoRefresh: false } })
    const signedInRecord = other.values.get(KEY)!
    await otherTab.auth.refreshToken()
    const refreshedRecord = other.values.get(KEY)!

    const plinto = client({
      tokenStorage: sharedStorage('tab-sync-malformed'),
      tabSync: true,
      session: { autoRefresh: false },
    })
    await plinto.ready()
    const events = eventLog(plinto)
    const channel = new BroadcastChannel('tab-sync-malformed')
    try {
      const adopted = nextEvent(plinto, 'signedIn')
      channel.postMessage({ v: 1, type: 'session', session: '{"v":1,"access_token":"x"}' })
      channel.postMessage({ v: 1, type: 'session', session: signedInRecord })
      expect(await adopted).toMatchObject({ user: { email: EMAIL } })

      // None of these may sign the tab out or replace its tokens; the valid record after them is adopted.
      const refreshed = nextEvent(plinto, 'tokenRefreshed')
      channel.postMessage({ type: 'signed_out' })
      channel.postMessage({ v: 2, type: 'signed_out' })
      channel.postMessage('garbage')
      channel.postMessage(null)
      channel.postMessage({
        v: 1,
        type: 'session',
        session: JSON.stringify({ ...JSON.parse(refreshedRecord), user: { id: 1 } }),
      })
      channel.postMessage({ v: 1, type: 'session', session: refreshedRecord })
      expect(await refreshed).toMatchObject({ source: 'other_tab' })
      expect(await plinto.getAccessToken()).toBe(JSON.parse(refreshedRecord).access_token)
      // The adopted token is one the server accepts.
      expect(await plinto.auth.getCurrentUser()).toMatchObject({ email: EMAIL })

      const signedOut = nextEvent(plinto, 'signedOut')
      channel.postMessage({ v: 1, type: 'signed_out' })
      expect(await signedOut).toEqual({ reason: 'other_tab' })
      expect(plinto.getSnapshot().status).toBe('signed_out')
      expect(events).toEqual(['signedIn', 'tokenRefreshed', 'signedOut'])
      expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    } finally {
      channel.close()
    }
  })

  it('uses storage events where there is no BroadcastChannel', async () => {
    const record = await (async () => {
      const storage = sharedStorage()
      await signedIn({ tokenStorage: storage, session: { autoRefresh: false } })
      return storage.values.get(KEY)!
    })()
    const target = new EventTarget()
    const values = new Map<string, string>()
    const local = {
      getItem: (k: string) => values.get(k) ?? null,
      setItem: (k: string, v: string) => void values.set(k, v),
      removeItem: (k: string) => void values.delete(k),
    }
    vi.stubGlobal('BroadcastChannel', undefined)
    vi.stubGlobal('localStorage', local)
    vi.stubGlobal('addEventListener', target.addEventListener.bind(target))
    vi.stubGlobal('removeEventListener', target.removeEventListener.bind(target))
    const plinto = client({ tokenStorage: { type: 'localStorage' }, tabSync: true })
    await plinto.ready()
    const seen = backend.requests.length
    const storageEvent = (newValue: string | null, storageArea: unknown = local) =>
      Object.assign(new Event('storage'), { key: KEY, newValue, storageArea })
    // News is delivered asynchronously, as a browser dispatches storage events: a session once decoded with
    // the validation chunk (loaded by the sign-in above, so within microtasks). Each event gets one macrotask
    // to take effect; the ignored ones get the same time to do harm.
    const dispatched = async (event: Event) => {
      target.dispatchEvent(event)
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    await dispatched(storageEvent(record, {}))
    expect(plinto.getSnapshot().status).toBe('signed_out')
    await dispatched(storageEvent(record))
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
    await dispatched(storageEvent(null))
    expect(plinto.getSnapshot().status).toBe('signed_out')
    // In the order they came: a sign-out right after a session is not overtaken by the session's decoding.
    target.dispatchEvent(storageEvent(record))
    await dispatched(storageEvent(null))
    expect(plinto.getSnapshot().status).toBe('signed_out')
    plinto.dispose()
    await dispatched(storageEvent(record))
    expect(plinto.getSnapshot().status).toBe('signed_out')
    expect(backend.requests).toHaveLength(seen)
  })

  it('is off by default on a server, so one user never receives another user\u2019s session', async () => {
    await expectSessionsNotShared(() => sharedStorage())
  })
})

describe('tabs that missed a message', () => {
  it('adopt newer tokens found in shared storage instead of refreshing (and replaying) their own', async () => {
    const storage = sharedStorage()
    const { plinto: a } = await signedIn({ tokenStorage: storage, tabSync: false, session: { autoRefresh: false } })
    const b = client({ tokenStorage: storage, tabSync: false, session: { autoRefresh: false } })
    await b.ready()
    const refreshedB = vi.fn()
    b.on('tokenRefreshed', refreshedB)
    const fromA = await a.auth.refreshToken()
    const fromB = await b.auth.refreshToken()
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
    expect(fromB.access_token).toBe(fromA.access_token)
    expect(fromB.refresh_token).toBe(fromA.refresh_token)
    expect(refreshedB).toHaveBeenCalledWith({ expiresAt: a.getSnapshot().expiresAt, source: 'other_tab' })
    expect(await b.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(1)
  })

  it('that refresh at the very same moment present the same token and are saved by the server\u2019s grace window', async () => {
    const storage = sharedStorage()
    const { plinto: a, tokens } = await signedIn({
      tokenStorage: storage,
      tabSync: false,
      session: { autoRefresh: false },
    })
    const b = client({ tokenStorage: storage, tabSync: false, session: { autoRefresh: false } })
    await b.ready()
    const signedOut = vi.fn()
    a.on('signedOut', signedOut)
    b.on('signedOut', signedOut)
    const [fromA, fromB] = await Promise.all([a.auth.refreshToken(), b.auth.refreshToken()])
    expect(refreshes().map((r) => r.body)).toEqual([
      { refresh_token: tokens.refresh_token },
      { refresh_token: tokens.refresh_token },
    ])
    // The second presentation, within the grace window, got the very pair the first one was given.
    expect(fromB.access_token).toBe(fromA.access_token)
    expect(fromB.refresh_token).toBe(fromA.refresh_token)
    // Past the window the chain goes on from that one pair: no reuse, nobody signed out.
    backend.clock.advance(11_000)
    await b.auth.refreshToken()
    await a.auth.refreshToken()
    expect(refreshes()).toHaveLength(3)
    expect(refreshes()[2]!.body).toEqual({ refresh_token: fromA.refresh_token })
    expect(signedOut).not.toHaveBeenCalled()
    expect(await a.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
  })

  it('refresh with the newer stored refresh token when the stored access token is nearly expired too', async () => {
    useWholeSecondFakeTime()
    const storage = sharedStorage()
    const { plinto: a, tokens: mine } = await signedIn({
      tokenStorage: storage,
      tabSync: false,
      session: { autoRefresh: false },
    })
    const b = client({ tokenStorage: storage, tabSync: false, session: { autoRefresh: false } })
    await b.ready()
    // Ten seconds later tab A rotates the pair without telling B; B's own refresh token is now spent.
    vi.setSystemTime(Date.now() + 10_000)
    const newer = await a.auth.refreshToken()
    // Near the end of the newer token's life, B refreshes: with A's refresh token, not its replayed own.
    vi.setSystemTime(Date.now() + 3600_000 - 35_000)
    const refreshedB = nextEvent(b, 'tokenRefreshed')
    const fromB = await b.auth.refreshToken()
    expect(refreshes().map((r) => r.body)).toEqual([
      { refresh_token: mine.refresh_token },
      { refresh_token: newer.refresh_token },
    ])
    expect(await refreshedB).toMatchObject({ source: 'refresh' })
    expect(fromB.refresh_token).not.toBe(newer.refresh_token)
    expect(b.getSnapshot()).toMatchObject({ status: 'signed_in', expiresAt: Date.now() + 3600_000 })
    expect(await b.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
  })
})

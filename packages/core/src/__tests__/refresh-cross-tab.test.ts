import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PlintoClient } from '../index'
import { EMAIL, sharedStorage, useReferenceServer, useWholeSecondFakeTime } from './helpers'
import { PASSWORD, nextEvent, recordEvents } from './integration-setup'

// Several clients sharing one storage and one cross-tab channel (`tabSync: true`) play several tabs of one
// origin. Node 20 has no Web Locks, so the tests that need `navigator.locks` install the double below.

const TTL = 60
const { backend, client, seedAda, signedIn, refreshes } = useReferenceServer({ accessTokenTtl: TTL })
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** Runs `fn` in a task of its own (a real one: fake timers do not touch MessageChannel). */
function queueTask(fn: () => void) {
  const { port1, port2 } = new MessageChannel()
  port1.onmessage = () => {
    port1.close()
    fn()
  }
  port2.postMessage(null)
}

/**
 * An in-memory Web Locks `LockManager`, exclusive mode: one holder per name; requests granted in the order
 * they were made, each in a task of its own (as the spec queues the callback); a waiter whose `signal`
 * aborts leaves the queue and rejects with the signal's reason; the lock is released when the callback's
 * promise settles. `isHeld()` lets listeners record whether any lock was held when they ran.
 */
function createLockManager() {
  const held = new Set<string>()
  const queues = new Map<string, Array<() => void>>()
  const pumping = new Set<string>()
  const requested: string[] = []
  const queueOf = (name: string) => queues.get(name) ?? queues.set(name, []).get(name)!
  const pump = (name: string) => {
    if (pumping.has(name) || held.has(name) || queueOf(name).length === 0) return
    pumping.add(name)
    queueTask(() => {
      pumping.delete(name)
      if (!held.has(name)) queueOf(name).shift()?.()
    })
  }
  return {
    requested,
    isHeld: () => held.size > 0,
    waiting: (name: string) => queueOf(name).length,
    request<T>(name: string, options: { signal?: AbortSignal }, callback: () => T | Promise<T>): Promise<Awaited<T>> {
      requested.push(name)
      return new Promise((resolve, reject) => {
        const { signal } = options
        if (signal?.aborted) return reject(signal.reason)
        const queue = queueOf(name)
        const onAbort = () => {
          queue.splice(queue.indexOf(grant), 1)
          reject(signal!.reason)
        }
        const grant = () => {
          signal?.removeEventListener('abort', onAbort)
          held.add(name)
          const release = () => {
            held.delete(name)
            pump(name)
          }
          Promise.resolve()
            .then(callback)
            .then(
              (value) => {
                release()
                resolve(value as Awaited<T>)
              },
              (error: unknown) => {
                release()
                reject(error)
              },
            )
        }
        queue.push(grant)
        signal?.addEventListener('abort', onAbort, { once: true })
        pump(name)
      })
    },
  }
}

function installLocks() {
  const locks = createLockManager()
  vi.stubGlobal('navigator', { locks })
  return locks
}

/** Token exchanges (`POST /auth/refresh`) in flight, counted by a `fetch` the tabs share. */
function exchangeTracker() {
  let inFlight = 0
  const tracked: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    const exchange = url.endsWith('/auth/refresh')
    if (exchange) inFlight++
    try {
      return await fetch(input, init)
    } finally {
      if (exchange) inFlight--
    }
  }
  return { fetch: tracked, busy: () => inFlight > 0 }
}

let keys = 0
/** A storage key (= channel name) of this test alone: Node's BroadcastChannel is process-wide. */
const freshKey = () => `plinto-cross-tab-${++keys}-${Math.random().toString(36).slice(2)}`

/**
 * Records, for every event and store notification of `plinto`, whether a token exchange was in flight in
 * any tab at that moment (`busy`). User code must never run inside a tab's locked work (the exchange and the
 * write): a listener that needed the lock would deadlock. (The lock itself may still be held then, for its
 * settle time, which ends on a timer: see LOCK_SETTLE_MS.)
 */
function lockStateSeen(plinto: PlintoClient, busy: () => boolean): boolean[] {
  const seen: boolean[] = []
  plinto.subscribe(() => seen.push(busy()))
  for (const name of ['signedIn', 'signedOut', 'tokenRefreshed', 'userUpdated', 'error'] as const)
    plinto.on(name, () => seen.push(busy()))
  return seen
}

/** Three "tabs" of one origin signed in to one session: the first signs in, the other two restore it. */
async function threeTabs(key: string, options: { autoRefresh?: boolean; fetch?: typeof fetch } = {}) {
  const storage = sharedStorage(key)
  const session = { autoRefresh: options.autoRefresh ?? true }
  const shared = { tokenStorage: storage, tabSync: true, session, ...(options.fetch ? { fetch: options.fetch } : {}) }
  const { plinto: a } = await signedIn(shared)
  const b = client(shared)
  const c = client(shared)
  await Promise.all([b.ready(), c.ready()])
  const tabs = [a, b, c]
  expect(new Set(tabs.map((tab) => tab.getSnapshot().expiresAt)).size).toBe(1)
  return tabs
}

/** Resolves once every tab has emitted `tokenRefreshed`. */
const allRefreshed = (tabs: PlintoClient[]) => Promise.all(tabs.map((tab) => nextEvent(tab, 'tokenRefreshed')))

/** Every tab uses the same access token, and the server accepts it. */
async function expectSameTokens(tabs: PlintoClient[]) {
  const tokens = await Promise.all(tabs.map((tab) => tab.getAccessToken()))
  expect(new Set(tokens).size).toBe(1)
  expect(new Set(tabs.map((tab) => tab.getSnapshot().expiresAt)).size).toBe(1)
  for (const tab of tabs) expect(await tab.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
}

describe('tabs that share a session, with Web Locks', () => {
  it('refresh each token once: the proactive timers fire together, one tab refreshes, the others take up its tokens', async () => {
    const locks = installLocks()
    const start = useWholeSecondFakeTime()
    const key = freshKey()
    const exchanges = exchangeTracker()
    const tabs = await threeTabs(key, { fetch: exchanges.fetch })
    const events = tabs.map(recordEvents)
    const lockSeen = tabs.map((tab) => lockStateSeen(tab, exchanges.busy))

    for (let cycle = 1; cycle <= 2; cycle++) {
      const refreshed = allRefreshed(tabs)
      // Halfway through the 60 s life, the same moment for all three (no jitter where there are locks).
      await vi.advanceTimersByTimeAsync(TTL * 500)
      await refreshed
      expect(refreshes()).toHaveLength(cycle)
      // All three asked for the lock; each tab emitted one event for the one new token.
      expect(locks.requested.filter((name) => name === `plinto:refresh:${key}`)).toHaveLength(3 * cycle)
      for (const log of events) expect(log.tokenRefreshed).toHaveLength(cycle)
      const sources = events.map((log) => log.tokenRefreshed.at(-1)!.source).sort()
      expect(sources).toEqual(['other_tab', 'other_tab', 'refresh'])
      expect(new Set(events.map((log) => log.tokenRefreshed.at(-1)!.expiresAt))).toEqual(
        new Set([start + cycle * TTL * 500 + TTL * 1000]),
      )
    }
    // Each request presented the token of the previous rotation: one unbroken line of tokens.
    const [first, second] = refreshes()
    expect(second!.body).not.toEqual(first!.body)
    await expectSameTokens(tabs)
    expect(refreshes()).toHaveLength(2)
    // Not one listener or subscriber ran while a tab was exchanging tokens.
    for (const seen of lockSeen) {
      expect(seen.length).toBeGreaterThan(0)
      expect(seen).not.toContain(true)
    }
    for (const log of events) expect([log.signedOut, log.error]).toEqual([[], []])
  })

  it('refresh once for three 401s (the reactive path), and every tab retries with the new token', async () => {
    installLocks()
    const key = freshKey()
    const exchanges = exchangeTracker()
    const tabs = await threeTabs(key, { autoRefresh: false, fetch: exchanges.fetch })
    const events = tabs.map(recordEvents)
    const lockSeen = tabs.map((tab) => lockStateSeen(tab, exchanges.busy))
    // The access token expires on the server; the clients still think it valid and send it.
    backend.clock.advance((TTL + 1) * 1000)
    const users = await Promise.all(tabs.map((tab) => tab.auth.getCurrentUser()))
    expect(users.map((user) => user?.email)).toEqual([EMAIL, EMAIL, EMAIL])
    // Three 401s, three retries.
    expect(backend.countRequests('GET', '/auth/me')).toBe(6)
    expect(refreshes()).toHaveLength(1)
    await vi.waitFor(() => {
      for (const log of events) expect(log.tokenRefreshed).toHaveLength(1)
    })
    await expectSameTokens(tabs)
    expect(refreshes()).toHaveLength(1)
    for (const seen of lockSeen) expect(seen).not.toContain(true)
  })

  it('let a listener refresh again: listeners never run inside the locked work, so nothing deadlocks', async () => {
    installLocks()
    const tabs = await threeTabs(freshKey(), { autoRefresh: false })
    const again = new Promise<unknown>((resolve) => {
      const off = tabs[0]!.on('tokenRefreshed', () => {
        off()
        resolve(tabs[0]!.auth.refreshToken())
      })
    })
    await tabs[1]!.auth.refreshToken()
    await again
    expect(refreshes()).toHaveLength(2)
    await vi.waitFor(async () => expectSameTokens(tabs))
  })

  it('refresh without the lock when it cannot be had within the request timeout (a frozen tab holds it)', async () => {
    const locks = installLocks()
    const key = freshKey()
    const name = `plinto:refresh:${key}`
    const storage = sharedStorage(key)
    // Real time: the wait is bounded with AbortSignal.timeout, which fake timers do not drive.
    const { plinto, tokens } = await signedIn({
      tokenStorage: storage,
      tabSync: true,
      session: { autoRefresh: false },
      timeout: 1_000,
    })
    let thaw!: () => void
    const frozen = locks.request(name, {}, () => new Promise<void>((resolve) => (thaw = resolve)))
    await new Promise<void>((resolve) => queueTask(resolve))
    expect(locks.isHeld()).toBe(true)
    const started = performance.now()
    const refreshed = plinto.auth.refreshToken()
    await vi.waitFor(() => expect(locks.waiting(name)).toBe(1))
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(refreshes()).toHaveLength(0)
    const fresh = await refreshed
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)
    expect(refreshes().map((r) => r.body)).toEqual([{ refresh_token: tokens.refresh_token }])
    // It left the queue: the lock, once free, is not handed to a refresh that is long over.
    expect(locks.waiting(name)).toBe(0)
    thaw()
    await frozen
    expect(await plinto.getAccessToken()).toBe(fresh.access_token)
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })

  it('in cookie mode, a tab that took up another tab\u2019s tokens while it waited for the lock uses them', async () => {
    const locks = installLocks()
    await seedAda()
    const key = freshKey()
    const name = `plinto:refresh:${key}`
    const tab = client({ tokenStorage: { type: 'cookie', key }, tabSync: true, session: { autoRefresh: false } })
    await tab.ready()
    await tab.auth.signIn({ email: EMAIL, password: PASSWORD })
    const refreshesBefore = refreshes().length
    // Another tab holds the lock while it refreshes; this one waits for it.
    let release!: () => void
    const holder = locks.request(name, {}, () => new Promise<void>((resolve) => (release = resolve)))
    const waiting = tab.auth.refreshToken()
    await vi.waitFor(() => expect(locks.waiting(name)).toBe(1))
    // Its message arrives meanwhile: a real session record of this user, rotated elsewhere.
    const other = sharedStorage()
    const { plinto: elsewhere } = await signedIn({ tokenStorage: other, session: { autoRefresh: false } })
    const rotated = await elsewhere.auth.refreshToken()
    const record = other.values.get('plinto_auth_token')!
    const adopted = nextEvent(tab, 'tokenRefreshed')
    const channel = new BroadcastChannel(key)
    channel.postMessage({ v: 1, type: 'session', session: record })
    channel.close()
    expect(await adopted).toMatchObject({ source: 'other_tab' })
    const seen = refreshes().length
    release()
    await holder
    const result = await waiting
    expect(result.access_token).toBe(rotated.access_token)
    expect('refresh_token' in result).toBe(false)
    expect(refreshes()).toHaveLength(seen)
    expect(seen).toBe(refreshesBefore + 1)
    expect(tab.getSnapshot().status).toBe('signed_in')
  })
  it('in cookie mode, refresh once for three 401s: the tabs that waited take up the holder\u2019s message', async () => {
    installLocks()
    await seedAda()
    const key = freshKey()
    const exchanges = exchangeTracker()
    const options = {
      tokenStorage: { type: 'cookie' as const, key },
      tabSync: true,
      session: { autoRefresh: false },
      fetch: exchanges.fetch,
    }
    const a = client(options)
    await a.ready()
    await a.auth.signIn({ email: EMAIL, password: PASSWORD })
    // Two more tabs: each restores from the (shared) cookie, one at a time under the lock.
    const b = client(options)
    const c = client(options)
    await Promise.all([b.ready(), c.ready()])
    const tabs = [a, b, c]
    await vi.waitFor(() => expect(new Set(tabs.map((tab) => tab.getSnapshot().expiresAt)).size).toBe(1))
    for (const tab of tabs) expect(tab.getSnapshot().status).toBe('signed_in')
    const events = tabs.map(recordEvents)
    const lockSeen = tabs.map((tab) => lockStateSeen(tab, exchanges.busy))
    const seen = refreshes().length
    backend.clock.advance((TTL + 1) * 1000)
    const users = await Promise.all(tabs.map((tab) => tab.auth.getCurrentUser()))
    expect(users.map((user) => user?.email)).toEqual([EMAIL, EMAIL, EMAIL])
    expect(refreshes()).toHaveLength(seen + 1)
    await vi.waitFor(() => {
      for (const log of events) expect(log.tokenRefreshed).toHaveLength(1)
    })
    expect(new Set(tabs.map((tab) => tab.getSnapshot().expiresAt)).size).toBe(1)
    for (const seenLock of lockSeen) expect(seenLock).not.toContain(true)
    for (const log of events) expect([log.signedOut, log.error]).toEqual([[], []])
  })
})

describe('tabs that share a session, as Chromium runs them', () => {
  // In Chromium, tabs are separate processes and the lock, the storage and the channel travel separate
  // routes: the next tab can be granted the lock a few ms before the holder's write and message reach it
  // (measured: a quarter of the waiting tabs saw the old tokens, for up to 5 ms). These doubles lag by LAG.
  const LAG = 20

  /** Web storage as a tab sees it: its own writes at once, other tabs' writes LAG ms later. */
  function laggingStorage(key: string) {
    const writes: Array<{ at: number; by: number; value: string | null }> = []
    let tabs = 0
    return () => {
      const tab = ++tabs
      const read = () =>
        writes.findLast((write) => write.by === tab || performance.now() - write.at >= LAG)?.value ?? null
      const write = (value: string | null) => void writes.push({ at: performance.now(), by: tab, value })
      return {
        storageKey: key,
        getItem: read,
        setItem: (_: string, value: string) => write(value),
        removeItem: () => write(null),
      }
    }
  }

  /** A BroadcastChannel whose messages arrive LAG ms late. */
  class LaggingChannel extends BroadcastChannel {
    #handler: ((event: MessageEvent) => void) | null = null
    constructor(name: string) {
      super(name)
      super.onmessage = (event: MessageEvent) => setTimeout(() => this.#handler?.(event), LAG)
    }
    override get onmessage() {
      return this.#handler
    }
    override set onmessage(handler: ((event: MessageEvent) => void) | null) {
      this.#handler = handler
    }
  }

  async function twoLaggingTabs() {
    const locks = installLocks()
    vi.stubGlobal('BroadcastChannel', LaggingChannel)
    const tabStorage = laggingStorage(freshKey())
    const options = () => ({ tokenStorage: tabStorage(), tabSync: true, session: { autoRefresh: false } })
    const { plinto: a } = await signedIn(options())
    // The second tab opens once the sign-in has reached it (twice LAG: a timer may fire a little early).
    await new Promise((resolve) => setTimeout(resolve, 2 * LAG))
    const b = client(options())
    await b.ready()
    expect(b.getSnapshot().status).toBe('signed_in')
    return { locks, a, b }
  }

  it('hold the lock a moment after refreshing, so a tab that waited for it finds the news instead of refreshing again', async () => {
    const { a, b } = await twoLaggingTabs()
    const seen = refreshes().length
    const [first, second] = await Promise.all([a.auth.refreshToken(), b.auth.refreshToken()])
    expect(refreshes()).toHaveLength(seen + 1)
    expect(second.access_token).toBe(first.access_token)
    await expectSameTokens([a, b])
  })

  it('the holder carries on at once, and a tab that asks just after it finished still takes up its tokens', async () => {
    const { locks, a, b } = await twoLaggingTabs()
    const seen = refreshes().length
    const first = await a.auth.refreshToken()
    // Resolved while the lock is still held for the settle time: the holder did not wait for it.
    expect(locks.isHeld()).toBe(true)
    const second = await b.auth.refreshToken()
    expect(second.access_token).toBe(first.access_token)
    expect(refreshes()).toHaveLength(seen + 1)
    await vi.waitFor(() => expect(locks.isHeld()).toBe(false))
  })
})

describe('tabs that share a session, without Web Locks', () => {
  it('spread their proactive timers with a per-tab jitter, so the first tab\u2019s news arrives before the others fire', async () => {
    expect((globalThis as { navigator?: { locks?: unknown } }).navigator?.locks).toBeUndefined()
    const start = useWholeSecondFakeTime()
    await seedAda()
    const key = freshKey()
    const storage = sharedStorage(key)
    // One draw per client, in order of construction: a, b, c.
    vi.spyOn(Math, 'random').mockReturnValueOnce(0.1).mockReturnValueOnce(0.9).mockReturnValueOnce(0.5)
    const [a, b, c] = [0, 1, 2].map(() => client({ tokenStorage: storage, tabSync: true }))
    await Promise.all([a, b, c].map((tab) => tab!.ready()))
    const tabs = [a!, b!, c!]
    const joined = Promise.all([nextEvent(b!, 'signedIn'), nextEvent(c!, 'signedIn')])
    await a!.auth.signIn({ email: EMAIL, password: PASSWORD })
    await joined
    const events = tabs.map(recordEvents)
    // Due halfway (30 s); the lead is 30 s, so the jitter moves a tab up to 5 % of it (1.5 s) earlier.
    const due = start + TTL * 500
    await vi.advanceTimersByTimeAsync(due - 1_350 - 1 - Date.now())
    expect(refreshes()).toHaveLength(0)
    // b (0.9) fires first, 1.35 s early; its message reaches a and c before their timers (0.15 s and 0.75 s early).
    const refreshed = allRefreshed(tabs)
    await vi.advanceTimersByTimeAsync(1)
    await refreshed
    expect(refreshes()).toHaveLength(1)
    expect(events.map((log) => log.tokenRefreshed.map((event) => event.source))).toEqual([
      ['other_tab'],
      ['refresh'],
      ['other_tab'],
    ])
    await vi.advanceTimersByTimeAsync(2_000)
    expect(refreshes()).toHaveLength(1)
    await expectSameTokens(tabs)
    expect(refreshes()).toHaveLength(1)
  })

  it('keep the exact proactive moment when they do not sync (no jitter for a lone client)', async () => {
    const start = useWholeSecondFakeTime()
    vi.spyOn(Math, 'random').mockReturnValue(0.9)
    const { plinto } = await signedIn({ tokenStorage: sharedStorage(freshKey()), tabSync: false })
    await vi.advanceTimersByTimeAsync(start + TTL * 500 - 1 - Date.now())
    expect(refreshes()).toHaveLength(0)
    const refreshed = nextEvent(plinto, 'tokenRefreshed')
    await vi.advanceTimersByTimeAsync(1)
    await refreshed
    expect(refreshes()).toHaveLength(1)
  })
})

describe('tabs that share storage but missed the news', () => {
  it('take up a pair another tab just stored instead of refreshing from it again, however short its life', async () => {
    // 60 s tokens: a fixed "fresh enough" margin of a minute would call the pair tab A just stored stale, and
    // each waiting tab would refresh from it — two of them presenting the same refresh token.
    const storage = sharedStorage()
    const quiet = { tokenStorage: storage, tabSync: false, session: { autoRefresh: false } } as const
    const { plinto: a, tokens: first } = await signedIn(quiet)
    const b = client(quiet)
    const c = client(quiet)
    await Promise.all([b.ready(), c.ready()])

    const fromA = await a.auth.refreshToken()
    const [fromB, fromC] = [await b.auth.refreshToken(), await c.auth.refreshToken()]

    expect(refreshes().map((r) => r.body)).toEqual([{ refresh_token: first.refresh_token }])
    expect(fromB.access_token).toBe(fromA.access_token)
    expect(fromC.access_token).toBe(fromA.access_token)
    expect(await b.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
  })
})

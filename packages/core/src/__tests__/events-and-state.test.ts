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
  vi.restoreAllMocks()
  vi.useRealTimers()
})
const make = (options: Partial<ConstructorParameters<typeof PlintoClient>[0]> = {}) => {
  const client = new PlintoClient({ apiUrl: API, tokenStorage: sharedStorage(), ...options })
  clients.push(client)
  return client
}
const signIn = (plinto: PlintoClient) => plinto.auth.signIn({ email: 'ada@example.com', password: 'pw' })

describe('snapshot', () => {
  it('is frozen and the same object until something changes', async () => {
    const plinto = make()
    const loading = plinto.getSnapshot()
    expect(plinto.getSnapshot()).toBe(loading)
    expect(Object.isFrozen(loading)).toBe(true)
    await plinto.ready()
    const signedOut = plinto.getSnapshot()
    expect(signedOut).toMatchObject({ status: 'signed_out', user: null, expiresAt: null })
    await signIn(plinto)
    const signedIn = plinto.getSnapshot()
    expect(signedIn).not.toBe(signedOut)
    expect(Object.isFrozen(signedIn.user)).toBe(true)
    expect(() => {
      ;(signedIn.user as { email: string }).email = 'x'
    }).toThrow()
    expect(plinto.getSnapshot()).toBe(signedIn)
  })

  it('subscribe is called once per change and stops after unsubscribe', async () => {
    const plinto = make()
    const listener = vi.fn()
    const unsubscribe = plinto.subscribe(listener)
    await plinto.ready()
    expect(listener).toHaveBeenCalledTimes(1)
    await signIn(plinto)
    expect(listener).toHaveBeenCalledTimes(2)
    unsubscribe()
    await plinto.auth.signOut()
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('state is committed before events run', async () => {
    const plinto = make()
    await plinto.ready()
    const seen: string[] = []
    plinto.on('signedIn', () => seen.push(`signedIn:${plinto.getSnapshot().status}`))
    plinto.on('signedOut', () => seen.push(`signedOut:${plinto.getSnapshot().status}`))
    await signIn(plinto)
    await plinto.auth.signOut()
    expect(seen).toEqual(['signedIn:signed_in', 'signedOut:signed_out'])
  })
})

describe('listeners', () => {
  it('a listener that throws does not break the client or the other listeners', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const plinto = make()
    await plinto.ready()
    const after = vi.fn()
    plinto.on('signedIn', () => {
      throw new Error('app bug')
    })
    plinto.on('signedIn', after)
    plinto.subscribe(() => {
      throw new Error('subscriber bug')
    })
    const errors = vi.fn()
    plinto.on('error', errors)
    const { user } = await signIn(plinto)
    expect(user.id).toBe('usr_1')
    expect(after).toHaveBeenCalledTimes(1)
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(consoleError).toHaveBeenCalledWith('[plinto] a listener threw:', expect.objectContaining({ message: 'app bug' }))
    expect(consoleError).toHaveBeenCalledWith('[plinto] a listener threw:', expect.objectContaining({ message: 'subscriber bug' }))
    // Reported on the console, not re-emitted: an `error` listener that throws cannot recurse.
    expect(errors).not.toHaveBeenCalled()
  })

  it('an error listener that throws is reported once, without recursion', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => { throw new Error('quota') }, removeItem() {} })
    try {
      const plinto = make({ tokenStorage: { type: 'localStorage' } })
      plinto.on('error', () => {
        throw new Error('error listener bug')
      })
      await plinto.ready()
      await signIn(plinto)
      expect(consoleError).toHaveBeenCalledTimes(1)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('on() returns an unsubscribe function', async () => {
    const plinto = make()
    await plinto.ready()
    const listener = vi.fn()
    const off = plinto.on('signedIn', listener)
    off()
    await signIn(plinto)
    expect(listener).not.toHaveBeenCalled()
  })
})

describe('dispose', () => {
  it('clears timers, listeners and subscribers', async () => {
    vi.useFakeTimers()
    const plinto = make({ tokenStorage: sharedStorage('events-dispose-timers'), tabSync: true })
    await plinto.ready()
    await signIn(plinto)
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    const listener = vi.fn()
    plinto.subscribe(listener)
    plinto.on('tokenRefreshed', listener)
    plinto.dispose()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(24 * 3600 * 1000)
    expect(api.count('POST', '/auth/refresh')).toBe(0)
    expect(listener).not.toHaveBeenCalled()
  })

  it('a disposed client no longer follows other tabs', async () => {
    // Unique keys (= channel names): test files may run in parallel threads of one process.
    const storage = sharedStorage('events-dispose-sync')
    const a = make({ tokenStorage: storage, tabSync: true })
    const b = make({ tokenStorage: storage, tabSync: true })
    await Promise.all([a.ready(), b.ready()])
    b.dispose()
    await signIn(a)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(b.getSnapshot().status).toBe('signed_out')
  })

  it('a refresh in flight at dispose still saves its tokens for the next client', async () => {
    const storage = sharedStorage()
    storage.values.set('plinto_auth_token', storedSession({ refreshToken: 'rt_before' }))
    const plinto = make({ tokenStorage: storage })
    await plinto.ready()
    const pending = plinto.auth.refreshToken()
    plinto.dispose()
    const tokens = await pending
    expect(JSON.parse(storage.values.get('plinto_auth_token')!).refresh_token).toBe(tokens.refresh_token)
  })
})

describe('calls made during restore', () => {
  it('an authenticated call made before the stored session is read waits for it and sends the token', async () => {
    const storage = sharedStorage()
    storage.values.set('plinto_auth_token', storedSession())
    const slow = { ...storage, getItem: (key: string) => new Promise<string | null>((resolve) => setTimeout(() => resolve(storage.getItem(key) as string | null), 20)) }
    const plinto = make({ tokenStorage: slow })
    expect(plinto.getSnapshot().status).toBe('loading')
    await plinto.auth.resendVerification().catch(() => undefined)
    const resend = api.requests.find((r) => r.path === '/auth/email/resend')
    expect(resend?.headers.get('authorization')).toMatch(/^Bearer /)
  })
})

describe('clientSecret in a browser', () => {
  it('warns in debug mode and never sends it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'debug').mockImplementation(() => {})
    vi.stubGlobal('document', {})
    try {
      const plinto = make({ debug: true, clientId: 'cid', clientSecret: 'super-secret' })
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('clientSecret'))
      await plinto.ready()
      await signIn(plinto)
      for (const request of api.requests) {
        expect(JSON.stringify(request.body ?? '')).not.toContain('super-secret')
        expect([...request.headers.values()].join(' ')).not.toContain('super-secret')
      }
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

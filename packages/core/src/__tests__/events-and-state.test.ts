import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PlintoClient } from '../index'
import { EMAIL, sharedStorage, useReferenceServer, useWholeSecondFakeTime } from './helpers'
import { PASSWORD, nextEvent } from './integration-setup'

const { backend, client, seedAda, signedIn } = useReferenceServer()
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

/** A client over its own shared-storage stand-in (custom storage, as in the browser modes). */
const make = (options: Parameters<typeof client>[0] = {}) => client({ tokenStorage: sharedStorage(), ...options })
const signIn = async (plinto: PlintoClient) => {
  await seedAda()
  return plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
}

describe('snapshot', () => {
  it('is frozen and the same object until something changes', async () => {
    const plinto = make()
    const loading = plinto.getSnapshot()
    expect(plinto.getSnapshot()).toBe(loading)
    expect(Object.isFrozen(loading)).toBe(true)
    await plinto.ready()
    const signedOut = plinto.getSnapshot()
    expect(signedOut).toMatchObject({ status: 'signed_out', user: null, expiresAt: null })
    const { user } = await signIn(plinto)
    const signedIn = plinto.getSnapshot()
    expect(signedIn).not.toBe(signedOut)
    expect(signedIn.user).toEqual(user)
    expect(Object.isFrozen(signedIn.user)).toBe(true)
    expect(() => {
      ;(signedIn.user as { email: string }).email = 'x'
    }).toThrow()
    expect(plinto.getSnapshot()).toBe(signedIn)
    // A request that changes nothing leaves the very same snapshot.
    await plinto.auth.getCurrentUser()
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
    expect(backend.countRequests('POST', '/auth/signout')).toBe(1)
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
    expect(user.email).toBe(EMAIL)
    expect(after).toHaveBeenCalledWith({ user })
    expect(after).toHaveBeenCalledTimes(1)
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(consoleError).toHaveBeenCalledWith(
      '[plinto] a listener threw:',
      expect.objectContaining({ message: 'app bug' }),
    )
    expect(consoleError).toHaveBeenCalledWith(
      '[plinto] a listener threw:',
      expect.objectContaining({ message: 'subscriber bug' }),
    )
    // Reported on the console, not re-emitted: an `error` listener that throws cannot recurse.
    expect(errors).not.toHaveBeenCalled()
  })

  it('an error listener that throws is reported once, without recursion', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.stubGlobal('localStorage', {
      getItem: () => null,
      setItem: () => {
        throw new Error('quota')
      },
      removeItem() {},
    })
    const plinto = make({ tokenStorage: { type: 'localStorage' } })
    const reported = new Promise<void>((resolve) =>
      plinto.on('error', () => {
        resolve()
        throw new Error('error listener bug')
      }),
    )
    await plinto.ready()
    await signIn(plinto)
    await reported
    expect(consoleError).toHaveBeenCalledTimes(1)
    expect(consoleError).toHaveBeenCalledWith(
      '[plinto] a listener threw:',
      expect.objectContaining({ message: 'error listener bug' }),
    )
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
    useWholeSecondFakeTime()
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
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)
    expect(listener).not.toHaveBeenCalled()
  })

  it('a disposed client no longer follows other tabs', async () => {
    // Unique keys (= channel names): test files may run in parallel threads of one process.
    const storage = sharedStorage('events-dispose-sync')
    const a = make({ tokenStorage: storage, tabSync: true })
    const b = make({ tokenStorage: storage, tabSync: true })
    const witness = make({ tokenStorage: storage, tabSync: true })
    await Promise.all([a.ready(), b.ready(), witness.ready()])
    b.dispose()
    const witnessed = nextEvent(witness, 'signedIn')
    await signIn(a)
    // The tab still listening heard the sign-in; the disposed one did not.
    expect(await witnessed).toMatchObject({ user: { email: EMAIL } })
    expect(b.getSnapshot().status).toBe('signed_out')
  })

  it('a refresh in flight at dispose still saves its tokens for the next client', async () => {
    const storage = sharedStorage()
    const { plinto: first, tokens: signedInWith } = await signedIn({ tokenStorage: storage })
    first.dispose()
    const plinto = make({ tokenStorage: storage })
    await plinto.ready()
    const pending = plinto.auth.refreshToken()
    plinto.dispose()
    const tokens = await pending
    expect(backend.requests.at(-1)!.body).toEqual({ refresh_token: signedInWith.refresh_token })
    expect(JSON.parse(storage.values.get('plinto_auth_token')!)).toMatchObject({
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
    })
    // The next client restores the saved pair and the server accepts it: no replay of the rotated token.
    const next = make({ tokenStorage: storage, session: { autoRefresh: false } })
    expect(await next.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
    await next.auth.refreshToken()
    expect(backend.requests.filter((r) => r.path === '/auth/refresh').map((r) => r.body)).toEqual([
      { refresh_token: signedInWith.refresh_token },
      { refresh_token: tokens.refresh_token },
    ])
    expect(next.getSnapshot().status).toBe('signed_in')
  })
})

describe('calls made during restore', () => {
  it('an authenticated call made before the stored session is read waits for it and sends the token', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD, email_verified: false })
    const storage = sharedStorage()
    const { tokens } = await signedIn({ tokenStorage: storage })
    // Storage that answers only when the test says so (a slow IndexedDB, say).
    let answer!: () => void
    const slow = {
      ...storage,
      getItem: (key: string) =>
        new Promise<string | null>((resolve) => (answer = () => resolve(storage.values.get(key) ?? null))),
    }
    const plinto = make({ tokenStorage: slow })
    expect(plinto.getSnapshot().status).toBe('loading')
    const resend = plinto.auth.resendVerification()
    answer()
    expect(await resend).toEqual({ message: expect.any(String) })
    expect(backend.requests.find((r) => r.path === '/auth/email/resend')!.headers.authorization).toBe(
      `Bearer ${tokens.access_token}`,
    )
    expect(backend.outbox(EMAIL)).toHaveLength(1)
  })
})

describe('clientSecret in a browser', () => {
  it('warns in debug mode and never sends it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'debug').mockImplementation(() => {})
    vi.stubGlobal('document', {})
    const plinto = make({
      tokenStorage: { type: 'memory' },
      debug: true,
      clientId: 'cid',
      clientSecret: 'super-secret',
    })
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('clientSecret'))
    await plinto.ready()
    await signIn(plinto)
    await plinto.auth.getCurrentUser()
    expect(backend.requests.length).toBeGreaterThanOrEqual(2)
    for (const request of backend.requests) {
      expect(JSON.stringify(request.body ?? '')).not.toContain('super-secret')
      expect(Object.values(request.headers).join(' ')).not.toContain('super-secret')
      expect(request.url).not.toContain('super-secret')
    }
  })
})

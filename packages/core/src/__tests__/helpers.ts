import type { PlintoHandlersOptions } from '@plinto/testing'
import { EMAIL } from '@plinto/test-support'
import { afterEach, expect, vi } from 'vitest'
import type { PlintoClientOptions } from '../index'
import type { User } from '@plinto/contract'
import type { StorageAdapter } from '../storage/types'
import { PASSWORD, useBackend } from './integration-setup'

// Hand-made fixtures for unit tests that never reach a Plinto server (expiry maths, the HTTP engine's
// error mapping). Client behaviour is tested against the reference server: `useReferenceServer` below.
export const API = 'https://api.test'
export const BASE = `${API}/api/v1`

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** An unsigned JWT-shaped token; the SDK only decodes `exp`, it never verifies. */
export function makeJwt(expiresInSeconds: number, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000)
  return `${b64url({ alg: 'ES256', typ: 'at+jwt' })}.${b64url({ sub: 'usr_1', iat: now, exp: now + expiresInSeconds, jti: Math.random().toString(36), ...claims })}.sig`
}

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 'usr_1',
    email: 'ada@example.com',
    email_verified: true,
    username: null,
    first_name: 'Ada',
    last_name: 'Lovelace',
    profile_image_url: null,
    mfa_enabled: false,
    phone_number: null,
    phone_verified: false,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    last_sign_in_at: null,
    ...overrides,
  }
}

/** A storage adapter over a plain Map (`values`); shared between clients, they play "two tabs of one origin". */
export function sharedStorage(key?: string): StorageAdapter & { values: Map<string, string> } {
  const values = new Map<string, string>()
  return {
    ...(key === undefined ? {} : { storageKey: key }),
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  }
}

export { EMAIL }

/**
 * {@link useBackend} (the reference server behind MSW, clients disposed and server reset after every test)
 * with Ada's sign-in shortcuts and the refresh log; real timers are back after every test.
 */
export function useReferenceServer(config: PlintoHandlersOptions['config'] = {}) {
  // Registered before useBackend's clean-up, so it runs after it (vitest runs after-hooks as a stack).
  afterEach(() => vi.useRealTimers())
  const { backend, client } = useBackend(config)

  /** Seeds Ada (`EMAIL`, `PASSWORD`) unless this test already has her. */
  const seedAda = async () => {
    if (!(await backend.app.plinto.store.users.getByEmail(EMAIL)))
      await backend.seedUser({ email: EMAIL, password: PASSWORD })
  }

  /** Seeds Ada if needed and signs her in on a new client: `{ plinto, user, tokens }`. */
  const signedIn = async (options: Partial<PlintoClientOptions> = {}) => {
    await seedAda()
    const plinto = client(options)
    await plinto.ready()
    return { plinto, ...(await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })) }
  }

  /** `POST /auth/refresh` requests the server has seen, in order. */
  const refreshes = () => backend.requests.filter((r) => r.method === 'POST' && r.path === '/auth/refresh')

  /**
   * Two clients on storages of their own (`storage()` each), as two requests of one server process: Ada
   * signs in on the first; nothing is broadcast on the cross-tab channel (named after the default storage
   * key) and the second client stays signed out.
   */
  const expectSessionsNotShared = async (storage: () => StorageAdapter) => {
    await seedAda()
    const channel = listenOnChannel('plinto_auth_token')
    try {
      const a = client({ tokenStorage: storage() })
      const b = client({ tokenStorage: storage() })
      await Promise.all([a.ready(), b.ready()])
      await a.auth.signIn({ email: EMAIL, password: PASSWORD })
      await channel.settle()
      expect(channel.messages).toEqual([])
      expect(b.getSnapshot().status).toBe('signed_out')
    } finally {
      channel.close()
    }
  }

  return { backend, client, seedAda, signedIn, refreshes, expectSessionsNotShared }
}

/**
 * Fakes timers and `Date` from a whole second, so a JWT's `exp` (whole seconds) is exactly now + lifetime
 * and refresh deadlines are exact. The server clock follows the fake `Date`. Returns the start time (ms).
 */
export function useWholeSecondFakeTime(): number {
  vi.useFakeTimers()
  const start = Date.parse('2026-06-01T12:00:00Z')
  vi.setSystemTime(start)
  return start
}

/**
 * Listens on a cross-tab channel, to prove what was *not* broadcast without sleeping: `settle()` posts a
 * marker from another port and resolves when it arrives; messages posted earlier in this thread have
 * arrived at this port before it.
 */
export function listenOnChannel(name: string) {
  const port = new BroadcastChannel(name)
  const messages: unknown[] = []
  const markers = new Map<string, () => void>()
  port.onmessage = (event: MessageEvent) => {
    const marker = (event.data as { marker?: string } | null)?.marker
    if (marker !== undefined && markers.has(marker)) markers.get(marker)!()
    else messages.push(event.data)
  }
  return {
    messages,
    settle(): Promise<void> {
      const marker = crypto.randomUUID()
      const arrived = new Promise<void>((resolve) => markers.set(marker, resolve))
      const sender = new BroadcastChannel(name)
      sender.postMessage({ marker })
      sender.close()
      return arrived
    },
    close: () => port.close(),
  }
}

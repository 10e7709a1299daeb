import { createPlintoHandlers, type PlintoHandlersOptions } from '@plinto/testing'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { PlintoClient, type PlintoClientOptions } from '../index'
import type { User } from '../schemas/user'
import type { StorageAdapter } from '../storage/types'
import { API_URL, PASSWORD } from './integration-setup'

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
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    last_sign_in_at: null,
    ...overrides,
  }
}

/** A storage adapter over a plain Map, shared between clients to play "two tabs of one origin". */
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


export const EMAIL = 'ada@example.com'

/**
 * The reference server behind MSW (`@plinto/testing`, `onUnhandledRequest: 'error'`) for one test file,
 * with server `config` overrides such as `accessTokenTtl`. After every test: clients disposed, server
 * reset (store, keys, clock, faults, request log), real timers back.
 */
export function useReferenceServer(config: PlintoHandlersOptions['config'] = {}) {
  const backend = createPlintoHandlers({ apiUrl: API_URL, config })
  const server = setupServer(...backend.handlers)
  const clients: PlintoClient[] = []
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    for (const plinto of clients.splice(0)) plinto.dispose()
    backend.reset()
    vi.useRealTimers()
  })
  afterAll(() => server.close())

  /** A client of this server; memory storage unless `options` say otherwise. */
  const client = (options: Partial<PlintoClientOptions> = {}) => {
    const plinto = new PlintoClient({ apiUrl: API_URL, tokenStorage: { type: 'memory' }, ...options })
    clients.push(plinto)
    return plinto
  }

  /** Seeds Ada (`EMAIL`, `PASSWORD`) unless this test already has her. */
  const seedAda = async () => {
    if (!(await backend.app.plinto.store.users.getByEmail(EMAIL))) await backend.seedUser({ email: EMAIL, password: PASSWORD })
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

  return { backend, client, seedAda, signedIn, refreshes }
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

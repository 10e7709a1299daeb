import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import type { User } from '../schemas/user'
import type { StorageAdapter } from '../storage/types'

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

export function makeTokens(expiresIn = 3600, refresh = `rt_${Math.random().toString(36).slice(2)}`) {
  return { access_token: makeJwt(expiresIn), refresh_token: refresh, token_type: 'bearer' as const, expires_in: expiresIn }
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

/** A stored session record as the client writes it. */
export function storedSession(options: { expiresIn?: number; refreshToken?: string; user?: User } = {}) {
  const expiresIn = options.expiresIn ?? 3600
  return JSON.stringify({
    v: 1,
    access_token: makeJwt(expiresIn),
    refresh_token: options.refreshToken ?? 'rt_stored',
    expires_at: Date.now() + expiresIn * 1000,
    user: options.user ?? makeUser(),
  })
}

/**
 * A tiny hand-written backend for the token-logic tests, where each test dictates exactly what
 * /auth/refresh answers. End-to-end behaviour against the real reference server lives in the
 * `*.integration.test.ts` files.
 */
export function createFakeApi() {
  const requests: { method: string; path: string; body: unknown; headers: Headers }[] = []
  let refreshHandler: (body: unknown) => Response | Promise<Response> = () => HttpResponse.json(makeTokens())
  const record = async (request: Request) => {
    const text = await request.clone().text()
    requests.push({ method: request.method, path: new URL(request.url).pathname.replace('/api/v1', ''), body: text ? JSON.parse(text) : undefined, headers: request.headers })
  }
  const server = setupServer(
    http.post(`${BASE}/auth/refresh`, async ({ request }) => {
      await record(request)
      const text = await request.text()
      return refreshHandler(text ? JSON.parse(text) : undefined)
    }),
    http.post(`${BASE}/auth/signin`, async ({ request }) => {
      await record(request)
      return HttpResponse.json({ user: makeUser(), tokens: makeTokens() })
    }),
    http.post(`${BASE}/auth/signout`, async ({ request }) => {
      await record(request)
      return new HttpResponse(null, { status: 204 })
    }),
    http.post(`${BASE}/auth/email/resend`, async ({ request }) => {
      await record(request)
      return HttpResponse.json({ message: 'sent' }, { status: 202 })
    }),
    http.get(`${BASE}/auth/me`, async ({ request }) => {
      await record(request)
      return HttpResponse.json(makeUser())
    }),
  )
  return {
    server,
    requests,
    count: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path).length,
    onRefresh(handler: (body: unknown) => Response | Promise<Response>) {
      refreshHandler = handler
    },
  }
}

/** An error body in the contract's shape. */
export const errorBody = (status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  HttpResponse.json({ detail: `${code} happened`, error_code: code, ...extra }, { status, headers })

/** Lets pending promise callbacks (and MSW's async handlers) run without moving fake time. */
export async function flush(times = 20): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise<void>((resolve) => queueMicrotask(resolve))
}

import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { silentLogger } from '../index'
import { startServer, type RunningServer } from '../node'
import { PASSWORD } from './helpers'

const APP_ORIGIN = 'http://localhost:5173'
let server: RunningServer
beforeAll(async () => {
  server = await startServer({ port: 0, mode: 'test', logger: silentLogger })
})
afterAll(() => server.close())

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

describe('CORS', () => {
  test('a preflight from an allowed origin is answered with credentials and the Plinto headers', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/refresh`, {
      method: 'OPTIONS',
      headers: {
        origin: APP_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-plinto-token-transport',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN)
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
    expect(res.headers.get('access-control-allow-headers')).toMatch(/X-Plinto-Token-Transport/)
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/)
  })

  test('actual responses (errors included) expose the request id and rate-limit headers to the allowed origin', async () => {
    const res = await post('/auth/signin', { email: 'a@example.com', password: PASSWORD }, { origin: APP_ORIGIN })
    expect(res.status).toBe(401)
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN)
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id.*X-RateLimit-Limit.*Retry-After/)
    expect(res.headers.get('vary')).toMatch(/Origin/)
  })

  test('another origin gets no CORS headers, so the browser blocks it', async () => {
    const preflight = await fetch(`${server.url}/api/v1/auth/signin`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    const res = await post('/auth/signin', {}, { origin: 'https://evil.example' })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('cookie transport, end to end over HTTP', () => {
  const COOKIE = { 'x-plinto-token-transport': 'cookie' }
  const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('plinto_refresh=')) ?? ''

  test('sign-in sets the HttpOnly cookie and omits refresh_token; refresh reads and rotates it; sign-out clears it', async () => {
    await post('/auth/signup', { email: 'cookie@example.com', password: PASSWORD })
    const signIn = await post('/auth/signin', { email: 'cookie@example.com', password: PASSWORD }, COOKIE)
    const body = await signIn.json()
    expect(body.tokens.refresh_token).toBeUndefined()
    expect(body.tokens.access_token).toEqual(expect.any(String))
    const setCookie = cookieOf(signIn)
    expect(setCookie).toMatch(
      /^plinto_refresh=[\w-]{43}; Max-Age=\d+; Path=\/api\/v1\/auth; HttpOnly; Secure; SameSite=Lax$/,
    )
    const cookie = setCookie.split(';')[0]!

    // Empty body: the cookie is the credential, and the answer goes back into a cookie.
    const refreshed = await fetch(`${server.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { ...COOKIE, cookie },
    })
    expect(refreshed.status).toBe(200)
    const tokens = await refreshed.json()
    expect(tokens.refresh_token).toBeUndefined()
    const rotated = cookieOf(refreshed).split(';')[0]!
    expect(rotated).not.toBe(cookie)

    // Even without the header, a token that came from the cookie is answered in the cookie.
    const noHeader = await fetch(`${server.url}/api/v1/auth/refresh`, { method: 'POST', headers: { cookie: rotated } })
    expect((await noHeader.json()).refresh_token).toBeUndefined()
    const latest = cookieOf(noHeader).split(';')[0]!

    const signOut = await fetch(`${server.url}/api/v1/auth/signout`, {
      method: 'POST',
      headers: { ...COOKIE, cookie: latest, authorization: `Bearer ${tokens.access_token}` },
    })
    expect(signOut.status).toBe(204)
    expect(cookieOf(signOut)).toMatch(/^plinto_refresh=; Max-Age=0; Path=\/api\/v1\/auth/)
    const after = await fetch(`${server.url}/api/v1/auth/refresh`, { method: 'POST', headers: { cookie: latest } })
    expect((await after.json()).error_code).toBe('SESSION_REVOKED')
    expect(cookieOf(after)).toMatch(/Max-Age=0/) // a dead cookie is cleared
  })

  test('remember: false gets a browser-session cookie (no Max-Age)', async () => {
    await post('/auth/signup', { email: 'short@example.com', password: PASSWORD })
    const res = await post('/auth/signin', { email: 'short@example.com', password: PASSWORD, remember: false }, COOKIE)
    expect(cookieOf(res)).not.toMatch(/Max-Age/)
  })

  test('without the header, tokens stay in the body and no cookie is set', async () => {
    await post('/auth/signup', { email: 'body@example.com', password: PASSWORD })
    const res = await post('/auth/signin', { email: 'body@example.com', password: PASSWORD })
    expect((await res.json()).tokens.refresh_token).toEqual(expect.any(String))
    expect(res.headers.getSetCookie()).toEqual([])
  })
})

import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { plintoMiddleware, type PlintoMiddlewareOptions } from '../server/gate'
import { appRequest, claimsOf, countingFetch, useReferenceServer } from './reference-server'

const reference = useReferenceServer()

afterEach(() => {
  vi.useRealTimers()
})

/** The gate of an app whose dashboard and API are protected, except a public health route. */
function gate(overrides: Partial<PlintoMiddlewareOptions> = {}) {
  return plintoMiddleware({
    apiUrl: reference.server.url,
    protectedRoutes: ['/dashboard(.*)', '/api(.*)'],
    publicRoutes: ['/api/health'],
    ...overrides,
  })
}

/** Whether the gate let the request through (Next's `NextResponse.next()`), and what it told the page. */
const passed = (response: Response) => response.headers.get('x-middleware-next') === '1'
const forwardedReturnPath = (response: Response) => response.headers.get('x-middleware-request-x-plinto-return-path')

describe('the gate: route matching', () => {
  it('lets signed-out visitors through public routes, and stops them on protected ones', async () => {
    const run = gate()
    for (const path of ['/', '/sign-in', '/about/dashboard', '/api/health', '/api/session']) {
      expect(passed(await run(appRequest(path))), path).toBe(true)
    }
    // '/dashboard(.*)' is a prefix pattern: '/dashboards' is protected too.
    for (const path of ['/dashboard', '/dashboard/settings', '/dashboards', '/api/me', '/api/orders/1']) {
      expect(passed(await run(appRequest(path))), path).toBe(false)
    }
  })

  it('with no protected routes protects nothing, and tells every page the path that was asked for', async () => {
    const response = await plintoMiddleware({ apiUrl: reference.server.url })(appRequest('/dashboard?tab=2'))
    expect(passed(response)).toBe(true)
    expect(forwardedReturnPath(response)).toBe('/dashboard?tab=2')
  })

  it('a return path sent by the browser itself is overwritten', async () => {
    const response = await gate()(appRequest('/', undefined, { headers: { 'x-plinto-return-path': '//evil.example' } }))
    expect(forwardedReturnPath(response)).toBe('/')
  })

  it('takes regular expressions and functions as matchers too', async () => {
    const run = gate({
      protectedRoutes: [/^\/orgs\/[^/]+\/settings$/, (request) => request.nextUrl.searchParams.has('private')],
      publicRoutes: undefined,
    })
    expect(passed(await run(appRequest('/orgs/acme/settings')))).toBe(false)
    expect(passed(await run(appRequest('/orgs/acme')))).toBe(true)
    expect(passed(await run(appRequest('/notes?private=1')))).toBe(false)
  })
})

describe('the gate: signed-out answers', () => {
  it('redirects a page request to the sign-in page with the path and query as redirect_url', async () => {
    const response = await gate()(appRequest('/dashboard/reports?year=2026&q=a b'))
    expect(response.status).toBe(307)
    const location = new URL(response.headers.get('location') ?? '')
    expect(location.origin).toBe('http://app.test')
    expect(location.pathname).toBe('/sign-in')
    expect(location.searchParams.get('redirect_url')).toBe('/dashboard/reports?year=2026&q=a%20b')
    // Slashes stay readable; the query's own & is escaped so it stays inside redirect_url.
    expect(location.search).toBe('?redirect_url=/dashboard/reports%3Fyear%3D2026%26q%3Da%2520b')
  })

  it("answers the router's fetches of a protected page with a bare 401 that nothing caches, documents with a redirect", async () => {
    // Next hides its RSC headers from the gate; the browser's Sec-Fetch-Dest tells a fetch from a page load.
    const routerFetch = await gate()(appRequest('/dashboard', undefined, { headers: { 'sec-fetch-dest': 'empty' } }))
    expect(routerFetch.status).toBe(401)
    expect(routerFetch.headers.get('location')).toBeNull()
    expect(routerFetch.headers.get('cache-control')).toBe('no-store')
    expect(await routerFetch.text()).toBe('')
    const document = await gate()(appRequest('/dashboard', undefined, { headers: { 'sec-fetch-dest': 'document' } }))
    expect(document.status).toBe(307)
    // API routes answer JSON either way.
    const api = await gate()(appRequest('/api/me', undefined, { headers: { 'sec-fetch-dest': 'empty' } }))
    expect(await api.json()).toMatchObject({ error_code: 'UNAUTHORIZED' })
  })

  it('sends to a configured sign-in page, which itself stays open', async () => {
    const run = gate({ signInUrl: '/login', protectedRoutes: '/(.*)', publicRoutes: undefined })
    const response = await run(appRequest('/settings'))
    expect(response.headers.get('location')).toBe('http://app.test/login?redirect_url=/settings')
    expect(passed(await run(appRequest('/login')))).toBe(true)
  })

  it('answers an API request 401 JSON, never cached, instead of redirecting', async () => {
    const response = await gate()(appRequest('/api/orders'))
    expect(response.status).toBe(401)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('location')).toBeNull()
    expect(await response.json()).toEqual({ error_code: 'UNAUTHORIZED', detail: 'Sign in to use this route' })
  })
})

describe('the gate: tokens', () => {
  it('lets a genuine token through, and refuses forged, foreign and expired ones (deleting that cookie)', async () => {
    const { tokens } = await reference.signUp()
    const run = gate()
    const ok = await run(appRequest('/dashboard', tokens.access_token))
    expect(passed(ok)).toBe(true)
    expect(forwardedReturnPath(ok)).toBe('/dashboard')

    const claims = claimsOf(tokens.access_token)
    const [header, , signature] = tokens.access_token.split('.')
    const payload = Buffer.from(JSON.stringify({ ...claims, sub: 'usr_someone_else' })).toString('base64url')
    const forged = `${header}.${payload}.${signature}`
    const now = Math.floor(Date.now() / 1000)
    const expired = await reference.signWithServerKey({ ...claims, iat: now - 120, exp: now - 60 })
    const otherAudience = await reference.signWithServerKey({ ...claims, aud: 'another-app' })
    const stillValid = await reference.signWithServerKey({ ...claims, exp: now + 60 })
    expect(passed(await run(appRequest('/dashboard', stillValid)))).toBe(true)

    for (const [name, token] of Object.entries({ forged, expired, otherAudience, garbage: 'not.a.jwt' })) {
      const page = await run(appRequest('/dashboard', token))
      expect(page.status, name).toBe(307)
      expect(page.headers.get('set-cookie'), name).toMatch(/^plinto_session=; Path=\/; Expires=Thu, 01 Jan 1970/)
      const api = await run(appRequest('/api/me', token))
      expect(api.status, name).toBe(401)
    }
  })

  it('a JWKS outage is an error, not a sign-out', async () => {
    const { tokens } = await reference.signUp()
    const run = gate({ apiUrl: 'http://127.0.0.1:9' }) // nothing listens on the discard port
    await expect(run(appRequest('/dashboard', tokens.access_token))).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
  })

  it('fetches the JWKS once for many requests, concurrent and sequential, of several users', async () => {
    const counter = countingFetch()
    const run = gate({ fetch: counter.fetch })
    const users = await Promise.all([reference.signUp(), reference.signUp(), reference.signUp()])
    const requests = Array.from({ length: 30 }, (_, i) => users[i % 3]!.tokens.access_token)
    const responses = await Promise.all(requests.map((token) => run(appRequest('/api/me', token))))
    expect(responses.every(passed)).toBe(true)
    for (const token of requests.slice(0, 5)) expect(passed(await run(appRequest('/dashboard', token)))).toBe(true)
    expect(counter.jwksFetches()).toBe(1)
  })

  it('picks up a rotated key: a token with an unknown kid makes it fetch the JWKS again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { tokens } = await reference.signUp()
    const oldKeys = ((await (await fetch(`${reference.server.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] })
      .keys
    const { privateKey, publicKey } = await generateKeyPair('ES256')
    const newKey = { ...(await exportJWK(publicKey)), kid: 'key_rotated', alg: 'ES256', use: 'sig' }
    let published = oldKeys
    let fetches = 0
    // The JWKS as a deployment publishes it before and after a rotation (new key first, old key kept).
    const jwksFetch: typeof fetch = async () => {
      fetches++
      return Response.json({ keys: published })
    }
    const run = gate({ apiUrl: 'https://rotating.example', fetch: jwksFetch })
    expect(passed(await run(appRequest('/dashboard', tokens.access_token)))).toBe(true)
    expect(fetches).toBe(1)

    published = [newKey, ...oldKeys]
    const rotated = await new SignJWT(claimsOf(tokens.access_token))
      .setProtectedHeader({ alg: 'ES256', kid: 'key_rotated', typ: 'at+jwt' })
      .sign(privateKey)
    // jose refetches on an unknown kid at most every 30 s, so forged kids cannot hammer the issuer.
    vi.setSystemTime(Date.now() + 31_000)
    expect(passed(await run(appRequest('/dashboard', rotated)))).toBe(true)
    expect(fetches).toBe(2)
    expect(passed(await run(appRequest('/dashboard', tokens.access_token)))).toBe(true)
    expect(passed(await run(appRequest('/dashboard', rotated)))).toBe(true)
    expect(fetches).toBe(2)
  })

  it('without an API URL it fails loudly on the first request', async () => {
    const saved = process.env.PLINTO_API_URL
    delete process.env.PLINTO_API_URL
    try {
      await expect(plintoMiddleware({ protectedRoutes: '/(.*)' })(appRequest('/'))).rejects.toMatchObject({
        code: 'CONFIG_ERROR',
        message: expect.stringMatching(/PLINTO_API_URL/),
      })
    } finally {
      if (saved !== undefined) process.env.PLINTO_API_URL = saved
    }
  })
})

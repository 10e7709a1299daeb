import { describe, expect, test } from 'vitest'
import { BASE, PASSWORD, post, usePlinto } from './setup'

const plinto = usePlinto()
const COOKIE = { 'x-plinto-token-transport': 'cookie' }

describe('request log', () => {
  test('records method, relative path, headers and body, including faulted requests', async () => {
    plinto.faults.networkError({ path: '/auth/refresh' })
    await post('/auth/refresh', { refresh_token: 'abc' }, { headers: { 'x-trace': '1' } }).catch(() => undefined)
    await post('/auth/refresh', { refresh_token: 'abc' })
    await fetch('http://localhost:8000/health')

    expect(plinto.countRequests('POST', '/auth/refresh')).toBe(2)
    expect(plinto.countRequests('post', '/auth/refresh')).toBe(2)
    expect(plinto.countRequests('GET', '/health')).toBe(1)
    const [first] = plinto.requests
    expect(first).toMatchObject({
      method: 'POST',
      url: `${BASE}/auth/refresh`,
      path: '/auth/refresh',
      body: { refresh_token: 'abc' },
    })
    expect(first?.headers['x-trace']).toBe('1')
  })
})

describe('cookie jar', () => {
  async function signInWithCookie(credentials: RequestCredentials = 'include') {
    await plinto.seedUser({ email: 'ada@example.com', password: PASSWORD })
    return post('/auth/signin', { email: 'ada@example.com', password: PASSWORD }, { headers: COOKIE, credentials })
  }

  test('keeps the HttpOnly refresh cookie and sends it back on credentials: include', async () => {
    const res = await signInWithCookie()
    const body = await res.json()
    expect(body.tokens.refresh_token).toBeUndefined()
    expect(plinto.cookies.get('plinto_refresh')).toMatchObject({ httpOnly: true, secure: true, path: '/api/v1/auth' })

    const refreshed = await post('/auth/refresh', undefined, { headers: COOKIE, credentials: 'include' })
    expect(refreshed.status).toBe(200)
    expect(plinto.requests.at(-1)?.headers.cookie).toBeUndefined() // the log shows what the client sent
  })

  test('does not send cookies when credentials is not include (no page origin in Node)', async () => {
    await signInWithCookie()
    const res = await post('/auth/refresh', undefined, { headers: COOKIE, credentials: 'same-origin' })
    expect(res.status).toBe(401)
    expect((await res.json()).error_code).toBe('INVALID_REFRESH_TOKEN')
  })

  test('sends the cookie only under its path', async () => {
    await signInWithCookie()
    expect(plinto.cookies.header(new URL(`${BASE}/auth/refresh`))).toMatch(/^plinto_refresh=/)
    expect(plinto.cookies.header(new URL(`${BASE}/users/me`))).toBeUndefined()
  })

  test('sign-out deletes the cookie', async () => {
    const { tokens } = await (await signInWithCookie()).json()
    await post('/auth/signout', undefined, {
      headers: { ...COOKIE, authorization: `Bearer ${tokens.access_token}` },
      credentials: 'include',
    })
    expect(plinto.cookies.get('plinto_refresh')).toBeUndefined()
  })

  test('cookies expire by Max-Age against Date.now()', () => {
    const url = new URL(`${BASE}/auth/signin`)
    plinto.cookies.store(url, [
      'short=1; Path=/; Max-Age=0',
      'session=2; Path=/',
      'past=3; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ])
    expect(plinto.cookies.list().map((c) => c.name)).toEqual(['session'])
  })
})

test('reset gives a fresh server, clock, fault list, request log and jar', async () => {
  await plinto.seedUser({ email: 'ada@example.com', password: PASSWORD })
  await post(
    '/auth/signin',
    { email: 'ada@example.com', password: PASSWORD },
    { headers: COOKIE, credentials: 'include' },
  )
  await post('/auth/signup', { email: 'bob@example.com', password: PASSWORD })
  plinto.clock.advance(60_000)
  plinto.faults.networkError({ path: '/health', times: Infinity })
  const appBefore = plinto.app

  plinto.reset()

  expect(plinto.app).not.toBe(appBefore)
  expect(plinto.outbox()).toEqual([])
  expect(plinto.requests).toEqual([])
  expect(plinto.cookies.list()).toEqual([])
  expect(plinto.clock.offset).toBe(0)
  expect((await fetch(`${BASE}/health`)).status).toBe(200)
  const signIn = await post('/auth/signin', { email: 'ada@example.com', password: PASSWORD })
  expect((await signIn.json()).error_code).toBe('INVALID_CREDENTIALS')
})

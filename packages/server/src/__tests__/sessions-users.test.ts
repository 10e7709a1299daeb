import { describe, expect, test } from 'vitest'
import { SessionListResponseSchema, SessionSchema, UserSchema } from '@plinto/contract'
import { parseDevice } from '../domain/sessions/device'
import { silentLogger } from '../index'
import { startServer } from '../node'
import { call, PASSWORD, signIn, signUp, testApp } from './helpers'

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1'
const SAFARI_IPAD =
  'Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1'
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0'

function clockedApp() {
  let now = Date.UTC(2030, 0, 1)
  const app = testApp({ clock: { now: () => now } })
  return { app, advance: (ms: number) => (now += ms) }
}

describe('parseDevice', () => {
  test.each([
    [CHROME_MAC, { type: 'desktop', name: 'Chrome on macOS', os: 'macOS', browser: 'Chrome' }],
    [SAFARI_IPHONE, { type: 'mobile', name: 'Safari on iOS', os: 'iOS', browser: 'Safari' }],
    [SAFARI_IPAD, { type: 'tablet', name: 'Safari on iOS', os: 'iOS', browser: 'Safari' }],
    [FIREFOX_WINDOWS, { type: 'desktop', name: 'Firefox on Windows', os: 'Windows', browser: 'Firefox' }],
    ['curl/8.4.0', { type: 'unknown', name: 'Unknown device', os: null, browser: null }],
    [null, { type: 'unknown', name: 'Unknown device', os: null, browser: null }],
  ])('%s', (userAgent, device) => {
    expect(parseDevice(userAgent)).toEqual(device)
  })
})

describe('GET /sessions and /sessions/current', () => {
  test('lists the active sessions with device, IP and is_current; ended ones are left out', async () => {
    const app = testApp()
    await signUp(app)
    const mac = await signIn(app)
    const phone = await call(app, 'POST', '/api/v1/auth/signin', {
      body: { email: 'ada@example.com', password: PASSWORD },
      headers: { 'user-agent': SAFARI_IPHONE },
    })
    const desktop = await call(app, 'POST', '/api/v1/auth/signin', {
      body: { email: 'ada@example.com', password: PASSWORD },
      headers: { 'user-agent': CHROME_MAC },
    })
    await call(app, 'POST', '/api/v1/auth/signout', { token: mac.body.tokens.access_token })

    const res = await call(app, 'GET', '/api/v1/sessions', { token: desktop.body.tokens.access_token })
    expect(res.status).toBe(200)
    expect(SessionListResponseSchema.safeParse(res.body).success).toBe(true)
    expect(res.body.total).toBe(3) // sign-up's session, the phone, the desktop
    const current = res.body.sessions.filter((s: { is_current: boolean }) => s.is_current)
    expect(current).toHaveLength(1)
    expect(current[0].device).toEqual({ type: 'desktop', name: 'Chrome on macOS', os: 'macOS', browser: 'Chrome' })
    expect(current[0].location).toEqual({ city: null, country: null, ip: 'unknown' })
    const names = res.body.sessions.map((s: { device: { name: string } }) => s.device.name)
    expect(names).toContain('Safari on iOS')

    const mine = await call(app, 'GET', '/api/v1/sessions/current', { token: phone.body.tokens.access_token })
    expect(SessionSchema.safeParse(mine.body).success).toBe(true)
    expect(mine.body).toMatchObject({ is_current: true, device: { type: 'mobile' } })
  })

  test('over real HTTP the session records the socket IP and the User-Agent', async () => {
    const server = await startServer({ port: 0, mode: 'test', logger: silentLogger })
    try {
      const signup = await fetch(`${server.url}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': FIREFOX_WINDOWS },
        body: JSON.stringify({ email: 'ada@example.com', password: PASSWORD }),
      })
      const { tokens } = await signup.json()
      const res = await fetch(`${server.url}/api/v1/sessions/current`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
      expect(await res.json()).toMatchObject({
        device: { type: 'desktop', name: 'Firefox on Windows' },
        location: { ip: '127.0.0.1', city: null, country: null },
        is_current: true,
      })
    } finally {
      await server.close()
    }
  })

  test('only the caller’s own sessions are listed', async () => {
    const app = testApp()
    const ada = await signUp(app, 'ada@example.com')
    await signUp(app, 'bob@example.com')
    const res = await call(app, 'GET', '/api/v1/sessions', { token: ada.tokens.access_token })
    expect(res.body.total).toBe(1)
  })

  test('last_active_at moves on refresh and on authenticated requests, at most once a minute', async () => {
    const { app, advance } = clockedApp()
    const { tokens } = await signUp(app)
    const current = async (token: string) => (await call(app, 'GET', '/api/v1/sessions/current', { token })).body
    const created = await current(tokens.access_token)
    advance(30_000)
    expect((await current(tokens.access_token)).last_active_at).toBe(created.last_active_at)
    advance(31_000)
    expect((await current(tokens.access_token)).last_active_at).toBe('2030-01-01T00:01:01.000Z')
    advance(10 * 60_000)
    const refreshed = await call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } })
    const after = await current(refreshed.body.access_token)
    expect(after.last_active_at).toBe('2030-01-01T00:11:01.000Z')
    expect(after.created_at).toBe(created.created_at)
  })

  test('needs a valid token', async () => {
    const res = await call(testApp(), 'GET', '/api/v1/sessions')
    expect([res.status, res.body.error_code]).toEqual([401, 'UNAUTHORIZED'])
  })
})

describe('DELETE /sessions/{id}', () => {
  test('ends another session of the user: its access token and refresh token stop working', async () => {
    const app = testApp()
    const first = await signUp(app)
    const second = (await signIn(app)).body
    const list = await call(app, 'GET', '/api/v1/sessions', { token: first.tokens.access_token })
    const other = list.body.sessions.find((s: { is_current: boolean }) => !s.is_current)
    const res = await call(app, 'DELETE', `/api/v1/sessions/${other.id}`, { token: first.tokens.access_token })
    expect(res.status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: second.tokens.access_token })).body.error_code).toBe(
      'SESSION_REVOKED',
    )
    const refresh = await call(app, 'POST', '/api/v1/auth/refresh', {
      body: { refresh_token: second.tokens.refresh_token },
    })
    expect(refresh.body.error_code).toBe('SESSION_REVOKED')
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: first.tokens.access_token })).status).toBe(200)
    // Already ended: not found.
    expect(
      (await call(app, 'DELETE', `/api/v1/sessions/${other.id}`, { token: first.tokens.access_token })).status,
    ).toBe(404)
  })

  test('revoking the current session is allowed and ends it', async () => {
    const app = testApp()
    const { tokens } = await signUp(app)
    const { body } = await call(app, 'GET', '/api/v1/sessions/current', { token: tokens.access_token })
    expect((await call(app, 'DELETE', `/api/v1/sessions/${body.id}`, { token: tokens.access_token })).status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/sessions', { token: tokens.access_token })).body.error_code).toBe(
      'SESSION_REVOKED',
    )
  })

  test('another user’s session is 404 and stays alive', async () => {
    const app = testApp()
    const ada = await signUp(app, 'ada@example.com')
    const bob = await signUp(app, 'bob@example.com')
    const bobSession = (await call(app, 'GET', '/api/v1/sessions/current', { token: bob.tokens.access_token })).body
    const res = await call(app, 'DELETE', `/api/v1/sessions/${bobSession.id}`, { token: ada.tokens.access_token })
    expect([res.status, res.body.error_code]).toEqual([404, 'NOT_FOUND'])
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: bob.tokens.access_token })).status).toBe(200)
  })
})

describe('POST /sessions/revoke-all', () => {
  test('ends every session but the current one and counts them', async () => {
    const app = testApp()
    const { tokens } = await signUp(app)
    const others = [(await signIn(app)).body, (await signIn(app)).body]
    const res = await call(app, 'POST', '/api/v1/sessions/revoke-all', { token: tokens.access_token })
    expect(res.body).toEqual({ revoked_count: 2 })
    for (const other of others) {
      expect((await call(app, 'GET', '/api/v1/auth/me', { token: other.tokens.access_token })).body.error_code).toBe(
        'SESSION_REVOKED',
      )
    }
    expect((await call(app, 'GET', '/api/v1/sessions', { token: tokens.access_token })).body.total).toBe(1)
    expect((await call(app, 'POST', '/api/v1/sessions/revoke-all', { token: tokens.access_token })).body).toEqual({
      revoked_count: 0,
    })
  })
})

describe('PATCH /users/me', () => {
  test('changes the given fields only and returns the User', async () => {
    const { app, advance } = clockedApp()
    const { tokens } = await signUp(app, 'ada@example.com', PASSWORD, { first_name: 'Ada', last_name: 'Byron' })
    advance(1000)
    const res = await call(app, 'PATCH', '/api/v1/users/me', {
      token: tokens.access_token,
      body: { last_name: 'Lovelace', username: 'ada', profile_image_url: 'https://cdn.example.com/ada.png' },
    })
    expect(res.status).toBe(200)
    expect(UserSchema.safeParse(res.body).success).toBe(true)
    expect(res.body).toMatchObject({
      first_name: 'Ada',
      last_name: 'Lovelace',
      username: 'ada',
      profile_image_url: 'https://cdn.example.com/ada.png',
      updated_at: '2030-01-01T00:00:01.000Z',
    })
    const cleared = await call(app, 'PATCH', '/api/v1/users/me', {
      token: tokens.access_token,
      body: { first_name: '', profile_image_url: null },
    })
    expect(cleared.body).toMatchObject({ first_name: null, profile_image_url: null, last_name: 'Lovelace' })
  })

  test('refuses a taken username (any case) and a non-http image URL', async () => {
    const app = testApp()
    await signUp(app, 'bob@example.com', PASSWORD, { username: 'bob' })
    const { tokens } = await signUp(app, 'ada@example.com')
    const taken = await call(app, 'PATCH', '/api/v1/users/me', {
      token: tokens.access_token,
      body: { username: 'BOB' },
    })
    expect([taken.status, taken.body.errors]).toEqual([
      422,
      [{ field: 'username', message: 'Username is already taken' }],
    ])
    for (const url of ['javascript:alert(1)', 'ftp://example.com/a.png', 'not a url']) {
      const bad = await call(app, 'PATCH', '/api/v1/users/me', {
        token: tokens.access_token,
        body: { profile_image_url: url },
      })
      expect([bad.status, bad.body.errors[0].field]).toEqual([422, 'profile_image_url'])
    }
  })
})

describe('DELETE /users/me', () => {
  test('with the password: deletes the user and all of it; tokens stop working; the email is free again', async () => {
    const app = testApp()
    const { user, tokens } = await signUp(app)
    const res = await call(app, 'DELETE', '/api/v1/users/me', {
      token: tokens.access_token,
      body: { password: PASSWORD },
    })
    expect(res.status).toBe(204)
    expect(await app.plinto.store.users.get(user.id)).toBeUndefined()
    expect(await app.plinto.store.sessions.listByUser(user.id)).toEqual([])
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: tokens.access_token })).status).toBe(401)
    const refresh = await call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } })
    expect(refresh.body.error_code).toBe('INVALID_REFRESH_TOKEN')
    expect(
      (await call(app, 'POST', '/api/v1/auth/signup', { body: { email: 'ada@example.com', password: PASSWORD } }))
        .status,
    ).toBe(201)
  })

  test('a wrong or missing password is 401 and deletes nothing', async () => {
    const app = testApp()
    const { user, tokens } = await signUp(app)
    for (const body of [{ password: 'not the password' }, {}]) {
      const res = await call(app, 'DELETE', '/api/v1/users/me', { token: tokens.access_token, body })
      expect([res.status, res.body.error_code]).toEqual([401, 'INVALID_CREDENTIALS'])
    }
    expect(await app.plinto.store.users.get(user.id)).toBeDefined()
  })

  test('a password-less account needs a session younger than 10 minutes (else REAUTH_REQUIRED)', async () => {
    const { app, advance } = clockedApp()
    await app.plinto.createUser({ email: 'ada@example.com' })
    await call(app, 'POST', '/api/v1/auth/magic-link', { body: { email: 'ada@example.com' } })
    const token = new URL(app.plinto.outbox!.messages('ada@example.com')[0]?.link ?? '').searchParams.get('magic_token')
    const { body } = await call(app, 'POST', '/api/v1/auth/magic-link/verify', { body: { token } })
    advance(10 * 60_000 + 1)
    const late = await call(app, 'DELETE', '/api/v1/users/me', { token: body.tokens.access_token })
    expect([late.status, late.body.error_code]).toEqual([403, 'REAUTH_REQUIRED'])
    // Nothing to re-authenticate with: the body names no method, so the person signs in again.
    expect(late.body.methods).toEqual([])
  })
})

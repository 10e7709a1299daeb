import { describe, expect, test } from 'vitest'
import { UserSchema } from '@plinto/contract'
import { call, PASSWORD, signIn, signUp, testApp } from './helpers'

describe('POST /auth/signup', () => {
  test('creates an unverified user, signs them in (201) and sends a verification email', async () => {
    const app = testApp()
    const res = await call(app, 'POST', '/api/v1/auth/signup', {
      body: { email: 'Ada@Example.com', password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace', username: 'ada' },
    })
    expect(res.status).toBe(201)
    expect(UserSchema.safeParse(res.body.user).success).toBe(true)
    expect(res.body.user).toMatchObject({
      email: 'Ada@Example.com',
      email_verified: false,
      first_name: 'Ada',
      username: 'ada',
      mfa_enabled: false,
      phone_number: null,
      phone_verified: false,
    })
    expect(res.body.user.id).toMatch(/^usr_/)
    expect(res.body.tokens).toMatchObject({ token_type: 'bearer', expires_in: 3600 })
    expect(res.body.tokens.refresh_token.length).toBeGreaterThanOrEqual(43) // 256 bits, base64url

    const [mail] = app.plinto.outbox!.messages('ada@example.com')
    expect(mail?.subject).toBe('Verify your email address')
    expect(mail?.link).toMatch(/^http:\/\/localhost:5173\/verify-email\?token=[\w-]{43}$/)
  })

  test('refuses an email that is taken, whatever its case (409 EMAIL_TAKEN)', async () => {
    const app = testApp()
    await signUp(app, 'ada@example.com')
    const res = await call(app, 'POST', '/api/v1/auth/signup', {
      body: { email: 'ADA@example.com', password: PASSWORD },
    })
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ error_code: 'EMAIL_TAKEN', path: '/api/v1/auth/signup' })
  })

  test('refuses a taken username as a field error', async () => {
    const app = testApp()
    await signUp(app, 'ada@example.com', PASSWORD, { username: 'ada' })
    const res = await call(app, 'POST', '/api/v1/auth/signup', {
      body: { email: 'other@example.com', password: PASSWORD, username: 'ADA' },
    })
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([{ field: 'username', message: 'Username is already taken' }])
  })

  test.each([
    ['too short', 'short12', 'at least 8'],
    ['too long', 'x'.repeat(129), 'at most 128'],
    ['common', 'Password123', 'too common'],
    ['the email itself', 'ada@example.com', 'email'],
  ])('refuses a %s password with 400 WEAK_PASSWORD and a field error', async (_, password, message) => {
    const app = testApp()
    const res = await call(app, 'POST', '/api/v1/auth/signup', { body: { email: 'ada@example.com', password } })
    expect(res.status).toBe(400)
    expect(res.body.error_code).toBe('WEAK_PASSWORD')
    expect(res.body.errors[0].field).toBe('password')
    expect(res.body.errors[0].message).toContain(message)
    expect(app.plinto.outbox!.messages()).toEqual([])
  })

  test('accepts exactly 8 and exactly 128 characters, with no composition rules', async () => {
    const app = testApp()
    expect(
      (await call(app, 'POST', '/api/v1/auth/signup', { body: { email: 'a@example.com', password: 'kq7zmw2p' } }))
        .status,
    ).toBe(201)
    expect(
      (await call(app, 'POST', '/api/v1/auth/signup', { body: { email: 'b@example.com', password: 'y'.repeat(128) } }))
        .status,
    ).toBe(201)
  })
})

describe('POST /auth/signin', () => {
  test('signs in by email (any case) and records last_sign_in_at', async () => {
    const app = testApp()
    await signUp(app)
    const res = await signIn(app, 'ADA@example.com')
    expect(res.status).toBe(200)
    expect(res.body.user.last_sign_in_at).toEqual(expect.any(String))
    expect(res.body.tokens.access_token).toMatch(/^ey/)
  })

  test('signs in by username', async () => {
    const app = testApp()
    await signUp(app, 'ada@example.com', PASSWORD, { username: 'ada' })
    const res = await call(app, 'POST', '/api/v1/auth/signin', { body: { username: 'Ada', password: PASSWORD } })
    expect(res.status).toBe(200)
    expect(res.body.user.username).toBe('ada')
  })

  test('answers the same 401 INVALID_CREDENTIALS for a wrong password and an unknown account', async () => {
    const app = testApp()
    await signUp(app)
    const wrong = await signIn(app, 'ada@example.com', 'not the password')
    const unknown = await signIn(app, 'nobody@example.com', PASSWORD)
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    const strip = (b: Record<string, unknown>) => ({ ...b, timestamp: undefined })
    expect(strip(wrong.body)).toEqual(strip(unknown.body))
    expect(wrong.body.error_code).toBe('INVALID_CREDENTIALS')
  })

  test('an account without a password (magic-link only) cannot sign in with one', async () => {
    const app = testApp()
    await app.plinto.createUser({ email: 'ada@example.com' })
    const res = await signIn(app, 'ada@example.com', PASSWORD)
    expect([res.status, res.body.error_code]).toEqual([401, 'INVALID_CREDENTIALS'])
  })

  test('needs an email or a username', async () => {
    const res = await call(testApp(), 'POST', '/api/v1/auth/signin', { body: { password: PASSWORD } })
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([{ field: 'email', message: 'Email or username is required' }])
  })

  test('remember: false gives a session that ends after a day without use', async () => {
    let now = Date.UTC(2030, 0, 1)
    const app = testApp({ clock: { now: () => now } })
    await signUp(app)
    const short = await signIn(app, 'ada@example.com', PASSWORD, { remember: false })
    const long = await signIn(app, 'ada@example.com', PASSWORD, { remember: true })
    now += 25 * 3600 * 1000
    const refresh = (token: string) => call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: token } })
    expect((await refresh(short.body.tokens.refresh_token)).body.error_code).toBe('INVALID_REFRESH_TOKEN')
    expect((await refresh(long.body.tokens.refresh_token)).status).toBe(200)
  })

  test('re-hashes a password stored with an old cost on the next successful sign-in', async () => {
    const store = testApp().plinto.store
    const old = testApp({ store, config: { passwordHashIterations: 1000 } })
    await signUp(old)
    const upgraded = testApp({ store, config: { passwordHashIterations: 2000 } })
    expect((await signIn(upgraded)).status).toBe(200)
    const user = await store.users.getByEmail('ada@example.com')
    expect(user?.password_hash).toMatch(/^pbkdf2-sha256\$2000\$/)
    expect((await signIn(upgraded)).status).toBe(200)
  })
})

describe('GET /auth/me and POST /auth/signout', () => {
  test('me returns the signed-in user; without a token it is 401 UNAUTHORIZED', async () => {
    const app = testApp()
    const { user, tokens } = await signUp(app)
    const me = await call(app, 'GET', '/api/v1/auth/me', { token: tokens.access_token })
    expect(me.status).toBe(200)
    expect(me.body.id).toBe(user.id)
    const anonymous = await call(app, 'GET', '/api/v1/auth/me')
    expect([anonymous.status, anonymous.body.error_code]).toEqual([401, 'UNAUTHORIZED'])
  })

  test('signout answers 204, ends the session (access token refused) and kills its refresh token', async () => {
    const app = testApp()
    const { tokens } = await signUp(app)
    const other = await signIn(app)
    const out = await call(app, 'POST', '/api/v1/auth/signout', { token: tokens.access_token })
    expect(out.status).toBe(204)
    expect(out.body).toBeNull()

    const me = await call(app, 'GET', '/api/v1/auth/me', { token: tokens.access_token })
    expect([me.status, me.body.error_code]).toEqual([401, 'SESSION_REVOKED'])
    const refresh = await call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } })
    expect([refresh.status, refresh.body.error_code]).toEqual([401, 'SESSION_REVOKED'])
    // Other sessions are untouched.
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: other.body.tokens.access_token })).status).toBe(200)
  })

  test('signout works with an expired access token, and is idempotent', async () => {
    let now = Date.now()
    const app = testApp({ clock: { now: () => now } })
    const { tokens } = await signUp(app)
    now += 2 * 3600 * 1000
    expect((await call(app, 'POST', '/api/v1/auth/signout', { token: tokens.access_token })).status).toBe(204)
    expect((await call(app, 'POST', '/api/v1/auth/signout', { token: tokens.access_token })).status).toBe(204)
    const refresh = await call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } })
    expect(refresh.body.error_code).toBe('SESSION_REVOKED')
  })

  test('signout without a valid token is 401', async () => {
    const res = await call(testApp(), 'POST', '/api/v1/auth/signout', { token: 'nope' })
    expect([res.status, res.body.error_code]).toEqual([401, 'UNAUTHORIZED'])
  })
})

import { describe, expect, test } from 'vitest'
import type { Mailer } from '../index'
import { call, PASSWORD, signIn, signUp, testApp } from './helpers'

const NEW_PASSWORD = 'a brand new passphrase'

function tokenFrom(link: string | null | undefined, param = 'token'): string {
  const value = new URL(link ?? '').searchParams.get(param)
  if (!value) throw new Error(`no ${param} in ${String(link)}`)
  return value
}

describe('POST /auth/password/change', () => {
  test('changes the password, keeps the current session and ends all others', async () => {
    const app = testApp()
    const current = (await signUp(app)).tokens
    const other = (await signIn(app)).body.tokens
    const res = await call(app, 'POST', '/api/v1/auth/password/change', {
      token: current.access_token,
      body: { current_password: PASSWORD, new_password: NEW_PASSWORD },
    })
    expect(res.status).toBe(200)
    expect(res.body.message).toEqual(expect.any(String))

    expect((await call(app, 'GET', '/api/v1/auth/me', { token: current.access_token })).status).toBe(200)
    expect(
      (await call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: current.refresh_token } })).status,
    ).toBe(200)
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: other.access_token })).body.error_code).toBe(
      'SESSION_REVOKED',
    )
    expect(
      (await call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: other.refresh_token } })).body
        .error_code,
    ).toBe('SESSION_REVOKED')

    expect((await signIn(app, 'ada@example.com', PASSWORD)).status).toBe(401)
    expect((await signIn(app, 'ada@example.com', NEW_PASSWORD)).status).toBe(200)
    expect(app.plinto.outbox!.messages('ada@example.com').at(-1)?.subject).toBe('Your password was changed')
  })

  test('a wrong current password is 401 INVALID_CREDENTIALS and changes nothing', async () => {
    const app = testApp()
    const { tokens } = await signUp(app)
    const res = await call(app, 'POST', '/api/v1/auth/password/change', {
      token: tokens.access_token,
      body: { current_password: 'wrong password', new_password: NEW_PASSWORD },
    })
    expect([res.status, res.body.error_code]).toEqual([401, 'INVALID_CREDENTIALS'])
    expect(res.body.errors[0].field).toBe('current_password')
    expect((await signIn(app)).status).toBe(200)
  })

  test('a weak new password is 400 WEAK_PASSWORD on new_password', async () => {
    const app = testApp()
    const { tokens } = await signUp(app)
    const res = await call(app, 'POST', '/api/v1/auth/password/change', {
      token: tokens.access_token,
      body: { current_password: PASSWORD, new_password: 'password' },
    })
    expect([res.status, res.body.error_code, res.body.errors[0].field]).toEqual([400, 'WEAK_PASSWORD', 'new_password'])
  })

  test('needs a valid access token', async () => {
    const res = await call(testApp(), 'POST', '/api/v1/auth/password/change', {
      body: { current_password: PASSWORD, new_password: NEW_PASSWORD },
    })
    expect(res.body.error_code).toBe('UNAUTHORIZED')
  })
})

describe('POST /auth/password/forgot', () => {
  test('answers 202 with an identical body for known and unknown emails; mails only the known one', async () => {
    const app = testApp()
    await signUp(app)
    app.plinto.outbox!.clear()
    const known = await call(app, 'POST', '/api/v1/auth/password/forgot', { body: { email: 'ada@example.com' } })
    const unknown = await call(app, 'POST', '/api/v1/auth/password/forgot', { body: { email: 'nobody@example.com' } })
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(known.body).toEqual(unknown.body)
    expect([...known.headers.keys()].sort()).toEqual([...unknown.headers.keys()].sort())
    expect(app.plinto.outbox!.messages().map((m) => m.to)).toEqual(['ada@example.com'])
    expect(app.plinto.outbox!.messages()[0]?.link).toMatch(/^http:\/\/localhost:5173\/reset-password\?token=/)
  })

  test('never waits for the mailer: both answers arrive while a slow delivery is still in flight', async () => {
    // A mailer that takes 500 ms, then some: it only finishes when the test lets it. Had the route awaited
    // it, the request below would never answer.
    const deliveries: Array<() => void> = []
    const slowMailer: Mailer = { send: () => new Promise<void>((resolve) => deliveries.push(resolve)) }
    const app = testApp({ mailer: slowMailer })
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD })
    const known = await call(app, 'POST', '/api/v1/auth/password/forgot', { body: { email: 'ada@example.com' } })
    const unknown = await call(app, 'POST', '/api/v1/auth/password/forgot', { body: { email: 'nobody@example.com' } })
    expect([known.status, unknown.status]).toEqual([202, 202])
    expect(deliveries).toHaveLength(1) // handed over, not finished
    expect(app.plinto.outbox!.messages('ada@example.com')).toHaveLength(1) // recorded for dev tooling all the same
    for (const finish of deliveries) finish()
  })

  test('a failing mailer does not change the response', async () => {
    const app = testApp({ mailer: { send: () => Promise.reject(new Error('smtp down')) } })
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD })
    const res = await call(app, 'POST', '/api/v1/auth/password/forgot', { body: { email: 'ada@example.com' } })
    expect(res.status).toBe(202)
  })

  test('known and unknown emails do the same hashing and store work', async () => {
    const counts = { known: 0, unknown: 0 }
    for (const kind of ['known', 'unknown'] as const) {
      const app = testApp()
      await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD })
      const store = app.plinto.store
      const originalCreate = store.emailTokens.create
      const originalFlush = store.flush
      store.emailTokens.create = (t) => {
        counts[kind]++
        return originalCreate(t)
      }
      store.flush = () => {
        counts[kind]++
        return originalFlush()
      }
      await call(app, 'POST', '/api/v1/auth/password/forgot', {
        body: { email: kind === 'known' ? 'ada@example.com' : 'nobody@example.com' },
      })
    }
    expect(counts).toEqual({ known: 1, unknown: 1 })
  })
})

describe('POST /auth/password/reset', () => {
  async function requestReset(app: ReturnType<typeof testApp>) {
    await call(app, 'POST', '/api/v1/auth/password/forgot', { body: { email: 'ada@example.com' } })
    return tokenFrom(app.plinto.outbox!.messages('ada@example.com').at(-1)?.link)
  }

  test('sets the new password, ends ALL sessions, and the link works once only', async () => {
    const app = testApp()
    const a = (await signUp(app)).tokens
    const b = (await signIn(app)).body.tokens
    const token = await requestReset(app)
    const res = await call(app, 'POST', '/api/v1/auth/password/reset', { body: { token, new_password: NEW_PASSWORD } })
    expect(res.status).toBe(200)
    for (const t of [a, b]) {
      expect((await call(app, 'GET', '/api/v1/auth/me', { token: t.access_token })).body.error_code).toBe(
        'SESSION_REVOKED',
      )
    }
    expect((await signIn(app, 'ada@example.com', NEW_PASSWORD)).status).toBe(200)
    expect((await signIn(app, 'ada@example.com', PASSWORD)).status).toBe(401)
    const again = await call(app, 'POST', '/api/v1/auth/password/reset', {
      body: { token, new_password: 'yet another passphrase' },
    })
    expect([again.status, again.body.error_code]).toEqual([400, 'INVALID_TOKEN'])
  })

  test('a reset link expires after 15 minutes', async () => {
    let now = Date.now()
    const app = testApp({ clock: { now: () => now } })
    await signUp(app)
    const token = await requestReset(app)
    now += 15 * 60_000
    const res = await call(app, 'POST', '/api/v1/auth/password/reset', { body: { token, new_password: NEW_PASSWORD } })
    expect(res.body.error_code).toBe('INVALID_TOKEN')
  })

  test('a newer link replaces the older one', async () => {
    const app = testApp()
    await signUp(app)
    const first = await requestReset(app)
    const second = await requestReset(app)
    expect(
      (await call(app, 'POST', '/api/v1/auth/password/reset', { body: { token: first, new_password: NEW_PASSWORD } }))
        .status,
    ).toBe(400)
    expect(
      (await call(app, 'POST', '/api/v1/auth/password/reset', { body: { token: second, new_password: NEW_PASSWORD } }))
        .status,
    ).toBe(200)
  })

  test('a weak new password is refused without spending the link', async () => {
    const app = testApp()
    await signUp(app)
    const token = await requestReset(app)
    const weak = await call(app, 'POST', '/api/v1/auth/password/reset', { body: { token, new_password: 'short' } })
    expect(weak.body.error_code).toBe('WEAK_PASSWORD')
    expect(
      (await call(app, 'POST', '/api/v1/auth/password/reset', { body: { token, new_password: NEW_PASSWORD } })).status,
    ).toBe(200)
  })

  test('a verification token is not a reset token', async () => {
    const app = testApp()
    await signUp(app)
    const verifyToken = tokenFrom(app.plinto.outbox!.messages('ada@example.com')[0]?.link)
    const res = await call(app, 'POST', '/api/v1/auth/password/reset', {
      body: { token: verifyToken, new_password: NEW_PASSWORD },
    })
    expect(res.body.error_code).toBe('INVALID_TOKEN')
  })
})

import { describe, expect, test } from 'vitest'
import { AuthResponseSchema } from '@plinto/contract'
import { call, PASSWORD, signUp, testApp } from './helpers'

function linkParam(link: string | null | undefined, param: string): string {
  return new URL(link ?? '').searchParams.get(param) ?? ''
}

function clockedApp(options: Parameters<typeof testApp>[0] = {}) {
  let now = Date.now()
  const app = testApp({ clock: { now: () => now }, ...options })
  return { app, advance: (ms: number) => (now += ms) }
}

describe('POST /auth/email/verify', () => {
  test('verifies the email once; the same link then answers INVALID_TOKEN', async () => {
    const app = testApp()
    const { tokens } = await signUp(app)
    const token = linkParam(app.plinto.outbox!.messages('ada@example.com')[0]?.link, 'token')
    const res = await call(app, 'POST', '/api/v1/auth/email/verify', { body: { token } })
    expect(res.status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: tokens.access_token })).body.email_verified).toBe(true)
    const again = await call(app, 'POST', '/api/v1/auth/email/verify', { body: { token } })
    expect([again.status, again.body.error_code]).toEqual([400, 'INVALID_TOKEN'])
  })

  test('a verification link lives 24 hours', async () => {
    const { app, advance } = clockedApp()
    await signUp(app, 'a@example.com')
    await signUp(app, 'b@example.com')
    const tokenA = linkParam(app.plinto.outbox!.messages('a@example.com')[0]?.link, 'token')
    const tokenB = linkParam(app.plinto.outbox!.messages('b@example.com')[0]?.link, 'token')
    advance(24 * 3600_000 - 1)
    expect((await call(app, 'POST', '/api/v1/auth/email/verify', { body: { token: tokenA } })).status).toBe(200)
    advance(1)
    expect((await call(app, 'POST', '/api/v1/auth/email/verify', { body: { token: tokenB } })).body.error_code).toBe(
      'INVALID_TOKEN',
    )
  })

  test('a link sent to an old address does not verify a changed one', async () => {
    const app = testApp()
    const { user } = await signUp(app)
    const token = linkParam(app.plinto.outbox!.messages('ada@example.com')[0]?.link, 'token')
    await app.plinto.store.users.update(user.id, { email: 'ada@new.example', email_normalized: 'ada@new.example' })
    expect((await call(app, 'POST', '/api/v1/auth/email/verify', { body: { token } })).body.error_code).toBe(
      'INVALID_TOKEN',
    )
    expect((await app.plinto.store.users.get(user.id))?.email_verified).toBe(false)
  })

  test('an unknown token is INVALID_TOKEN', async () => {
    const res = await call(testApp(), 'POST', '/api/v1/auth/email/verify', { body: { token: 'made-up' } })
    expect([res.status, res.body.error_code]).toEqual([400, 'INVALID_TOKEN'])
  })
})

describe('POST /auth/email/resend', () => {
  test('sends a fresh link (202) that replaces the first', async () => {
    const app = testApp()
    const { tokens } = await signUp(app)
    const res = await call(app, 'POST', '/api/v1/auth/email/resend', { token: tokens.access_token })
    expect(res.status).toBe(202)
    const [first, second] = app.plinto.outbox!.messages('ada@example.com')
    expect(second?.subject).toBe('Verify your email address')
    expect(
      (await call(app, 'POST', '/api/v1/auth/email/verify', { body: { token: linkParam(first?.link, 'token') } }))
        .status,
    ).toBe(400)
    expect(
      (await call(app, 'POST', '/api/v1/auth/email/verify', { body: { token: linkParam(second?.link, 'token') } }))
        .status,
    ).toBe(200)
  })

  test('sends nothing for an already verified address, with the same 202', async () => {
    const app = testApp()
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    const { body } = await call(app, 'POST', '/api/v1/auth/signin', {
      body: { email: 'ada@example.com', password: PASSWORD },
    })
    const res = await call(app, 'POST', '/api/v1/auth/email/resend', { token: body.tokens.access_token })
    expect(res.status).toBe(202)
    expect(app.plinto.outbox!.messages()).toEqual([])
  })

  test('needs a Bearer token', async () => {
    expect((await call(testApp(), 'POST', '/api/v1/auth/email/resend')).body.error_code).toBe('UNAUTHORIZED')
  })
})

describe('POST /auth/magic-link', () => {
  test('identical 202 for known and unknown emails; the unknown one creates no user and sends nothing', async () => {
    const app = testApp()
    await app.plinto.createUser({ email: 'ada@example.com', email_verified: false })
    const known = await call(app, 'POST', '/api/v1/auth/magic-link', { body: { email: 'ada@example.com' } })
    const unknown = await call(app, 'POST', '/api/v1/auth/magic-link', { body: { email: 'nobody@example.com' } })
    expect([known.status, unknown.status]).toEqual([202, 202])
    expect(known.body).toEqual(unknown.body)
    expect(app.plinto.outbox!.messages().map((m) => m.to)).toEqual(['ada@example.com'])
    expect(await app.plinto.store.users.getByEmail('nobody@example.com')).toBeUndefined()
  })

  test('the link signs in (AuthResponse), verifies the email, and works once', async () => {
    const app = testApp()
    await app.plinto.createUser({ email: 'ada@example.com', email_verified: false })
    await call(app, 'POST', '/api/v1/auth/magic-link', { body: { email: 'ada@example.com' } })
    const link = app.plinto.outbox!.messages('ada@example.com')[0]?.link
    expect(link).toMatch(/^http:\/\/localhost:5173\/auth\/callback\?magic_token=/)
    const token = linkParam(link, 'magic_token')
    const res = await call(app, 'POST', '/api/v1/auth/magic-link/verify', { body: { token } })
    expect(res.status).toBe(200)
    expect(AuthResponseSchema.safeParse(res.body).success).toBe(true)
    expect(res.body.user.email_verified).toBe(true)
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: res.body.tokens.access_token })).status).toBe(200)
    expect((await call(app, 'POST', '/api/v1/auth/magic-link/verify', { body: { token } })).body.error_code).toBe(
      'INVALID_TOKEN',
    )
  })

  test('a magic link expires after 15 minutes', async () => {
    const { app, advance } = clockedApp()
    await app.plinto.createUser({ email: 'ada@example.com' })
    await call(app, 'POST', '/api/v1/auth/magic-link', { body: { email: 'ada@example.com' } })
    const token = linkParam(app.plinto.outbox!.messages('ada@example.com')[0]?.link, 'magic_token')
    advance(15 * 60_000)
    expect((await call(app, 'POST', '/api/v1/auth/magic-link/verify', { body: { token } })).body.error_code).toBe(
      'INVALID_TOKEN',
    )
  })

  test('redirect_url on the allow-list (exact match) becomes the link target', async () => {
    const app = testApp({ config: { allowedRedirectUrls: ['https://app.example.com/welcome?from=mail'] } })
    await app.plinto.createUser({ email: 'ada@example.com' })
    const res = await call(app, 'POST', '/api/v1/auth/magic-link', {
      body: { email: 'ada@example.com', redirect_url: 'https://app.example.com/welcome?from=mail' },
    })
    expect(res.status).toBe(202)
    expect(app.plinto.outbox!.messages()[0]?.link).toMatch(
      /^https:\/\/app\.example\.com\/welcome\?from=mail&magic_token=/,
    )
  })

  test('redirect_url not on the allow-list is refused (no open redirect), alike for unknown emails', async () => {
    const app = testApp({ config: { allowedRedirectUrls: ['https://app.example.com/auth/callback'] } })
    await app.plinto.createUser({ email: 'ada@example.com' })
    const refused = [
      'https://evil.example/steal',
      // Same origin is not enough: only the listed URLs.
      'https://app.example.com/other',
      'https://app.example.com/auth/callback/extra',
      'https://app.example.com/auth/callback?next=https://evil.example',
      'not a url',
    ]
    for (const email of ['ada@example.com', 'nobody@example.com']) {
      for (const redirect_url of refused) {
        const res = await call(app, 'POST', '/api/v1/auth/magic-link', { body: { email, redirect_url } })
        expect([redirect_url, res.status, res.body.errors[0].field]).toEqual([redirect_url, 422, 'redirect_url'])
      }
    }
    expect(app.plinto.outbox!.messages()).toEqual([])
  })

  test('the slow-mailer rule holds for magic links too', async () => {
    const deliveries: Array<() => void> = []
    const app = testApp({ mailer: { send: () => new Promise<void>((resolve) => deliveries.push(resolve)) } })
    await app.plinto.createUser({ email: 'ada@example.com' })
    expect((await call(app, 'POST', '/api/v1/auth/magic-link', { body: { email: 'ada@example.com' } })).status).toBe(
      202,
    )
    expect(deliveries).toHaveLength(1)
    for (const finish of deliveries) finish()
  })
})

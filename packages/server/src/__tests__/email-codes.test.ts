// Emailed one-time codes (docs/contract.md § Email codes): sign-in and email verification, their rules and abuse
// paths over the app's HTTP interface.
import { describe, expect, test } from 'vitest'
import { AuthResponseSchema } from '@plinto/contract'
import * as z from 'zod/mini'
import type { PlintoAppOptions } from '../index'
import { call, PASSWORD, signUp, testApp } from './helpers'

const SEND = '/api/v1/auth/email-code/send'
const VERIFY = '/api/v1/auth/email-code/verify'

function codesApp(options: PlintoAppOptions = {}) {
  let now = Date.UTC(2030, 0, 1, 12, 0, 0)
  const app = testApp({ clock: { now: () => now }, ...options, config: { emailCodes: true, ...options.config } })
  return { app, advance: (ms: number) => (now += ms) }
}

/** The codes the outbox holds for `email`, oldest first. */
function codesSentTo(app: ReturnType<typeof testApp>, email: string): string[] {
  return app.plinto
    .outbox!.messages(email)
    .map((message) => message.code)
    .filter((code): code is string => code !== null)
}

async function sendCode(app: ReturnType<typeof testApp>, email: string, purpose = 'sign_in') {
  const res = await call(app, 'POST', SEND, { body: { email, purpose } })
  expect(res.status).toBe(202)
  return res
}

function verify(app: ReturnType<typeof testApp>, email: string, code: string, purpose = 'sign_in') {
  return call(app, 'POST', VERIFY, { body: { email, code, purpose } })
}

/** A code that is not `code` (same length), for wrong answers. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')

describe('POST /auth/email-code/send + /verify, sign_in', () => {
  test('emails a 6-digit code (no link) that signs in once and verifies the address', async () => {
    const { app } = codesApp()
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: false })
    await sendCode(app, 'Ada@Example.com')
    const [message] = app.plinto.outbox!.messages('ada@example.com')
    expect(message).toMatchObject({ subject: 'Your sign-in code', link: null, code: expect.stringMatching(/^\d{6}$/) })
    expect(message!.text).toContain(message!.code!)
    const res = await verify(app, 'ada@example.com', ` ${message!.code!.slice(0, 3)} ${message!.code!.slice(3)}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('no-store')
    const body = z.parse(AuthResponseSchema, res.body)
    expect(body.user).toMatchObject({ email: 'ada@example.com', email_verified: true })
    const me = await call(app, 'GET', '/api/v1/auth/me', { token: body.tokens.access_token })
    expect(me.status).toBe(200)
    const again = await verify(app, 'ada@example.com', message!.code!)
    expect([again.status, again.body.error_code]).toEqual([400, 'EMAIL_CODE_EXPIRED'])
  })

  test('an account with MFA gets the second step, not tokens', async () => {
    const { app } = codesApp()
    const user = await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    await app.plinto.store.users.update(user.id, { mfa_enabled: true })
    await sendCode(app, 'ada@example.com')
    const res = await verify(app, 'ada@example.com', codesSentTo(app, 'ada@example.com')[0]!)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ mfa_required: true, mfa_token: expect.any(String) })
    expect(res.body.tokens).toBeUndefined()
  })

  test('the same answer for an unknown address, nothing sent, no account created; its codes fail like wrong ones', async () => {
    const { app } = codesApp()
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    const known = await sendCode(app, 'ada@example.com')
    const unknown = await sendCode(app, 'nobody@example.com')
    expect(unknown.body).toEqual(known.body)
    expect(app.plinto.outbox!.messages('nobody@example.com')).toEqual([])
    expect(await app.plinto.store.users.getByEmail('nobody@example.com')).toBeUndefined()
    // Every answer for the unknown address reads as it would for an account whose code was mistyped.
    const guess = wrong(codesSentTo(app, 'ada@example.com')[0]!)
    const answers = async (email: string) => {
      const replies = []
      for (let i = 0; i < 6; i++) replies.push((await verify(app, email, guess)).body.error_code)
      return replies
    }
    const real = await answers('ada@example.com')
    expect(real).toEqual([...Array(4).fill('INVALID_EMAIL_CODE'), 'EMAIL_CODE_ATTEMPTS_EXCEEDED', 'EMAIL_CODE_EXPIRED'])
    expect(await answers('nobody@example.com')).toEqual(real)
  })

  test('wrong codes: INVALID_EMAIL_CODE, the fifth ends the code (EMAIL_CODE_ATTEMPTS_EXCEEDED), then EXPIRED even for the right one', async () => {
    const { app } = codesApp()
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    await sendCode(app, 'ada@example.com')
    const code = codesSentTo(app, 'ada@example.com')[0]!
    for (let i = 0; i < 4; i++) {
      const res = await verify(app, 'ada@example.com', wrong(code))
      expect([res.status, res.body.error_code]).toEqual([400, 'INVALID_EMAIL_CODE'])
    }
    expect((await verify(app, 'ada@example.com', wrong(code))).body.error_code).toBe('EMAIL_CODE_ATTEMPTS_EXCEEDED')
    expect((await verify(app, 'ada@example.com', code)).body.error_code).toBe('EMAIL_CODE_EXPIRED')
  })

  test('a code lives 10 minutes', async () => {
    const { app, advance } = codesApp()
    await app.plinto.createUser({ email: 'a@example.com', password: PASSWORD, email_verified: true })
    await app.plinto.createUser({ email: 'b@example.com', password: PASSWORD, email_verified: true })
    await sendCode(app, 'a@example.com')
    await sendCode(app, 'b@example.com')
    advance(10 * 60_000 - 1)
    expect((await verify(app, 'a@example.com', codesSentTo(app, 'a@example.com')[0]!)).status).toBe(200)
    advance(1)
    expect((await verify(app, 'b@example.com', codesSentTo(app, 'b@example.com')[0]!)).body.error_code).toBe(
      'EMAIL_CODE_EXPIRED',
    )
  })

  test('a new send replaces the previous code (and gives back its attempts)', async () => {
    const { app } = codesApp()
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    await sendCode(app, 'ada@example.com')
    const first = codesSentTo(app, 'ada@example.com')[0]!
    for (let i = 0; i < 4; i++) await verify(app, 'ada@example.com', wrong(first))
    await sendCode(app, 'ada@example.com')
    const second = codesSentTo(app, 'ada@example.com')[1]!
    if (first !== second) {
      expect((await verify(app, 'ada@example.com', first)).body.error_code).toBe('INVALID_EMAIL_CODE')
    }
    expect((await verify(app, 'ada@example.com', second)).status).toBe(200)
  })

  test('a code is bound to its purpose and to the address it was sent to', async () => {
    const { app } = codesApp()
    const user = await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: false })
    await sendCode(app, 'ada@example.com', 'verify_email')
    const code = codesSentTo(app, 'ada@example.com')[0]!
    expect((await verify(app, 'ada@example.com', code, 'sign_in')).body.error_code).toBe('EMAIL_CODE_EXPIRED')
    await app.plinto.store.users.update(user.id, { email: 'ada@new.example', email_normalized: 'ada@new.example' })
    expect((await verify(app, 'ada@example.com', code, 'verify_email')).body.error_code).toBe('EMAIL_CODE_EXPIRED')
    expect((await app.plinto.store.users.get(user.id))?.email_verified).toBe(false)
  })

  test('the code is stored only as a salted hash', async () => {
    const { app } = codesApp({ config: { secretKey: 'k'.repeat(32) } })
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    await sendCode(app, 'ada@example.com')
    const code = codesSentTo(app, 'ada@example.com')[0]!
    const stored = await app.plinto.store.challenges.get('sign_in:ada@example.com', 'email_code', Date.UTC(2030, 0, 1))
    expect(stored?.data.code_hash).toEqual(expect.any(String))
    expect(JSON.stringify(stored)).not.toContain(code)
  })
})

describe('POST /auth/email-code/*, verify_email', () => {
  test('a code marks the address verified and answers a message; a verified address gets none', async () => {
    const { app } = codesApp()
    const { tokens } = await signUp(app)
    await sendCode(app, 'ada@example.com', 'verify_email')
    const [message] = app.plinto.outbox!.messages('ada@example.com').filter((m) => m.code !== null)
    expect(message?.subject).toBe('Your verification code')
    const res = await verify(app, 'ada@example.com', message!.code!, 'verify_email')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ message: 'Email verified.' })
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: tokens.access_token })).body.email_verified).toBe(true)
    await sendCode(app, 'ada@example.com', 'verify_email')
    expect(codesSentTo(app, 'ada@example.com')).toHaveLength(1)
  })
})

describe('configuration and limits', () => {
  test('off by default: both endpoints answer 403 EMAIL_CODES_DISABLED and send nothing', async () => {
    const app = testApp()
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    const send = await call(app, 'POST', SEND, { body: { email: 'ada@example.com', purpose: 'sign_in' } })
    expect([send.status, send.body.error_code]).toEqual([403, 'EMAIL_CODES_DISABLED'])
    const check = await verify(app, 'ada@example.com', '123456')
    expect([check.status, check.body.error_code]).toEqual([403, 'EMAIL_CODES_DISABLED'])
    expect(app.plinto.outbox!.messages('ada@example.com')).toEqual([])
  })

  test('bad bodies are 422 VALIDATION_ERROR', async () => {
    const { app } = codesApp()
    for (const body of [
      { email: 'ada@example.com', purpose: 'reset_password' },
      { email: 'not-an-email', purpose: 'sign_in' },
      { email: 'ada@example.com' },
    ]) {
      expect((await call(app, 'POST', SEND, { body })).body.error_code).toBe('VALIDATION_ERROR')
    }
    const noCode = await call(app, 'POST', VERIFY, { body: { email: 'ada@example.com', code: '', purpose: 'sign_in' } })
    expect([noCode.status, noCode.body.error_code]).toEqual([422, 'VALIDATION_ERROR'])
  })

  test('sends: 5 per hour per address, whatever the IP (429 RATE_LIMITED), unknown addresses alike', async () => {
    const { app } = codesApp({
      mode: 'development',
      config: { emailCodes: true, passwordHashIterations: 1000, trustProxy: true },
    })
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    for (const email of ['ada@example.com', 'nobody@example.com']) {
      const statuses = []
      for (let i = 0; i < 6; i++) {
        const res = await call(app, 'POST', SEND, {
          body: { email, purpose: 'sign_in' },
          headers: { 'x-forwarded-for': `198.51.100.${i + (email === 'ada@example.com' ? 0 : 10)}` },
        })
        statuses.push(res.status)
      }
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429])
    }
    expect(codesSentTo(app, 'ada@example.com')).toHaveLength(5)
  })
})

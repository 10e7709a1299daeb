import { describe, expect, test } from 'vitest'
import {
  AuthResponseSchema,
  MfaRequiredResponseSchema,
  MfaStatusSchema,
  TotpSetupResponseSchema,
} from '@plinto/contract'
import { fromBase32, toBase32 } from '../crypto/base32'
import { generateTotp, hotp, totpStep } from '../crypto/totp'
import type { PlintoApp } from '../index'
import { call, PASSWORD, signIn, testApp } from './helpers'

const SECRET_KEY = 'k'.repeat(40)

function clockedApp(config: Parameters<typeof testApp>[0] = {}) {
  // Mid-step, so ±1 step never crosses a boundary by accident.
  let now = Date.UTC(2030, 0, 1, 0, 0, 15)
  const app = testApp({ clock: { now: () => now }, ...config })
  return { app, advance: (ms: number) => (now += ms), now: () => now }
}

/** A verified user with TOTP on; returns the secret, backup codes and a Bearer token. */
async function withTotp(app: PlintoApp, now: () => number, email = 'ada@example.com') {
  await app.plinto.createUser({ email, password: PASSWORD, email_verified: true })
  const token = (await signIn(app, email)).body.tokens.access_token as string
  const setup = await call(app, 'POST', '/api/v1/mfa/totp/enable', { token })
  const verify = await call(app, 'POST', '/api/v1/mfa/totp/verify', {
    token,
    body: { code: await generateTotp(setup.body.secret, now()) },
  })
  expect(verify.body).toEqual({ enabled: true })
  return { token, secret: setup.body.secret as string, backupCodes: setup.body.backup_codes as string[] }
}

async function mfaToken(app: PlintoApp, email = 'ada@example.com'): Promise<string> {
  const res = await signIn(app, email)
  expect(MfaRequiredResponseSchema.safeParse(res.body).success).toBe(true)
  return res.body.mfa_token
}

const challenge = (app: PlintoApp, mfa_token: string, code: string) =>
  call(app, 'POST', '/api/v1/mfa/challenge', { body: { mfa_token, code } })

describe('TOTP primitives', () => {
  // RFC 6238 appendix B, SHA-1 rows: the ASCII seed "12345678901234567890", 8 digits.
  test.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('RFC 6238 vector at T=%i', async (seconds, expected) => {
    const seed = new TextEncoder().encode('12345678901234567890')
    expect(await hotp(seed, totpStep(seconds * 1000), 8)).toBe(expected)
    expect(await generateTotp(toBase32(seed), seconds * 1000, 8)).toBe(expected)
  })

  test('RFC 4226 appendix D HOTP values (6 digits)', async () => {
    const seed = new TextEncoder().encode('12345678901234567890')
    const codes = await Promise.all([0, 1, 2, 3, 9].map((counter) => hotp(seed, counter)))
    expect(codes).toEqual(['755224', '287082', '359152', '969429', '520489'])
  })

  test('base32 follows RFC 4648', () => {
    const cases: Array<[string, string]> = [
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foob', 'MZXW6YQ'],
      ['foobar', 'MZXW6YTBOI'],
    ]
    for (const [text, encoded] of cases) {
      expect(toBase32(new TextEncoder().encode(text))).toBe(encoded)
      expect(new TextDecoder().decode(fromBase32(encoded.toLowerCase()))).toBe(text)
    }
    expect(() => fromBase32('MZ1')).toThrow()
  })
})

describe('TOTP set-up', () => {
  test('enable returns secret, SVG QR data URI, otpauth URI and 10 backup codes; pending until verified', async () => {
    const { app, now } = clockedApp({ config: { rpName: 'Acme' } })
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    const token = (await signIn(app)).body.tokens.access_token
    const setup = await call(app, 'POST', '/api/v1/mfa/totp/enable', { token })
    expect(setup.status).toBe(200)
    expect(TotpSetupResponseSchema.safeParse(setup.body).success).toBe(true)
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(atob(setup.body.qr_code.replace('data:image/svg+xml;base64,', ''))).toMatch(/^<svg /)
    expect(setup.body.provisioning_uri).toBe(
      `otpauth://totp/Acme:ada%40example.com?secret=${setup.body.secret}&issuer=Acme&algorithm=SHA1&digits=6&period=30`,
    )
    expect(new Set(setup.body.backup_codes).size).toBe(10)
    expect(setup.body.backup_codes[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)

    const pending = await call(app, 'GET', '/api/v1/mfa/status', { token })
    expect(pending.body).toEqual({ enabled: false, methods: [], backup_codes_remaining: 0 })
    expect((await signIn(app)).body.tokens).toBeDefined() // still a plain sign-in

    const wrong = await call(app, 'POST', '/api/v1/mfa/totp/verify', { token, body: { code: '000000' } })
    expect([wrong.status, wrong.body.error_code]).toEqual([400, 'INVALID_MFA_CODE'])
    const ok = await call(app, 'POST', '/api/v1/mfa/totp/verify', {
      token,
      body: { code: await generateTotp(setup.body.secret, now()) },
    })
    expect(ok.body).toEqual({ enabled: true })
    const status = await call(app, 'GET', '/api/v1/mfa/status', { token })
    expect(MfaStatusSchema.safeParse(status.body).success).toBe(true)
    expect(status.body).toEqual({ enabled: true, methods: ['totp', 'backup_code'], backup_codes_remaining: 10 })
    expect((await call(app, 'GET', '/api/v1/auth/me', { token })).body.mfa_enabled).toBe(true)
    expect((await call(app, 'POST', '/api/v1/mfa/totp/enable', { token })).status).toBe(400)
  })

  test('with a secretKey the stored secret is encrypted; without one it is stored readable (and documented)', async () => {
    const sealed = clockedApp({ config: { secretKey: SECRET_KEY } })
    const { secret } = await withTotp(sealed.app, sealed.now)
    const user = await sealed.app.plinto.store.users.getByEmail('ada@example.com')
    const stored = (await sealed.app.plinto.store.mfa.get(user!.id))!.totp_secret!
    expect(stored).toMatch(/^sealed:/)
    expect(stored).not.toContain(secret)
    // And it still works for sign-in.
    sealed.advance(30_000)
    const token = await mfaToken(sealed.app)
    expect((await challenge(sealed.app, token, await generateTotp(secret, sealed.now()))).status).toBe(200)

    const plain = clockedApp()
    await withTotp(plain.app, plain.now)
    const plainUser = await plain.app.plinto.store.users.getByEmail('ada@example.com')
    expect((await plain.app.plinto.store.mfa.get(plainUser!.id))!.totp_secret).toMatch(/^plain:[A-Z2-7]{32}$/)
  })
})

describe('sign-in with TOTP', () => {
  test('sign-in answers mfa_required; the challenge finishes it with an AuthResponse', async () => {
    const { app, advance, now } = clockedApp()
    const { secret } = await withTotp(app, now)
    advance(30_000)
    const res = await signIn(app)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ mfa_required: true, mfa_token: expect.any(String), methods: ['totp', 'backup_code'] })
    const done = await challenge(app, res.body.mfa_token, await generateTotp(secret, now()))
    expect(done.status).toBe(200)
    expect(AuthResponseSchema.safeParse(done.body).success).toBe(true)
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: done.body.tokens.access_token })).status).toBe(200)
    // The token is spent.
    expect((await challenge(app, res.body.mfa_token, await generateTotp(secret, now()))).body.error_code).toBe(
      'INVALID_TOKEN',
    )
  })

  test('a code is accepted once: the same code (same step) is refused on the next sign-in', async () => {
    const { app, advance, now } = clockedApp()
    const { secret } = await withTotp(app, now)
    advance(30_000)
    const code = await generateTotp(secret, now())
    expect((await challenge(app, await mfaToken(app), code)).status).toBe(200)
    const reuse = await challenge(app, await mfaToken(app), code)
    expect([reuse.status, reuse.body.error_code]).toEqual([400, 'INVALID_MFA_CODE'])
    advance(30_000)
    expect((await challenge(app, await mfaToken(app), await generateTotp(secret, now()))).status).toBe(200)
  })

  test('±1 step: the previous and next step’s codes are accepted, two steps away is not', async () => {
    const { app, advance, now } = clockedApp()
    const { secret } = await withTotp(app, now)
    advance(5 * 30_000)
    expect(
      (await challenge(app, await mfaToken(app), await generateTotp(secret, now() - 60_000))).body.error_code,
    ).toBe('INVALID_MFA_CODE')
    expect((await challenge(app, await mfaToken(app), await generateTotp(secret, now() - 30_000))).status).toBe(200)
    expect(
      (await challenge(app, await mfaToken(app), await generateTotp(secret, now() + 60_000))).body.error_code,
    ).toBe('INVALID_MFA_CODE')
    expect((await challenge(app, await mfaToken(app), await generateTotp(secret, now() + 30_000))).status).toBe(200)
    // Once a later step was used, an earlier one (still inside the window) is refused.
    expect((await challenge(app, await mfaToken(app), await generateTotp(secret, now()))).body.error_code).toBe(
      'INVALID_MFA_CODE',
    )
  })

  test('a backup code works once', async () => {
    const { app, now } = clockedApp()
    const { backupCodes, token } = await withTotp(app, now)
    const [code = ''] = backupCodes
    expect((await challenge(app, await mfaToken(app), code.toUpperCase())).status).toBe(200)
    expect((await challenge(app, await mfaToken(app), code)).body.error_code).toBe('INVALID_MFA_CODE')
    expect((await call(app, 'GET', '/api/v1/mfa/status', { token })).body.backup_codes_remaining).toBe(9)
  })

  test('an mfa_token expires after 5 minutes', async () => {
    const { app, advance, now } = clockedApp()
    const { secret } = await withTotp(app, now)
    advance(30_000)
    const token = await mfaToken(app)
    advance(5 * 60_000)
    const res = await challenge(app, token, await generateTotp(secret, now()))
    expect([res.status, res.body.error_code]).toEqual([400, 'INVALID_TOKEN'])
  })

  test('an mfa_token allows 5 wrong codes, then it is dead even for the right one', async () => {
    const { app, advance, now } = clockedApp()
    const { secret } = await withTotp(app, now)
    advance(30_000)
    const token = await mfaToken(app)
    for (let i = 0; i < 5; i++) expect((await challenge(app, token, '000000')).body.error_code).toBe('INVALID_MFA_CODE')
    expect((await challenge(app, token, await generateTotp(secret, now()))).body.error_code).toBe('INVALID_TOKEN')
    // Four wrong codes leave it usable.
    const other = await mfaToken(app)
    for (let i = 0; i < 4; i++) await challenge(app, other, 'zzzzz-zzzzz')
    expect((await challenge(app, other, await generateTotp(secret, now()))).status).toBe(200)
  })

  test('a magic link to an account with MFA also needs the second step; remember carries through', async () => {
    const { app, advance, now } = clockedApp()
    const { secret } = await withTotp(app, now)
    await call(app, 'POST', '/api/v1/auth/magic-link', { body: { email: 'ada@example.com' } })
    const link = app.plinto.outbox!.messages('ada@example.com').at(-1)?.link
    const res = await call(app, 'POST', '/api/v1/auth/magic-link/verify', {
      body: { token: new URL(link!).searchParams.get('magic_token') },
    })
    expect(res.body.mfa_required).toBe(true)

    advance(30_000)
    const short = await signIn(app, 'ada@example.com', PASSWORD, { remember: false })
    const done = await challenge(app, short.body.mfa_token, await generateTotp(secret, now()))
    const session = await app.plinto.store.sessions.listByUser(done.body.user.id)
    expect(session.at(-1)?.remember).toBe(false)
  })
})

describe('TOTP disable and backup-code regeneration', () => {
  test('disable takes a TOTP or backup code; afterwards sign-in is one step again', async () => {
    const { app, now } = clockedApp()
    const { token, backupCodes } = await withTotp(app, now)
    expect(
      (await call(app, 'POST', '/api/v1/mfa/totp/disable', { token, body: { code: '123456' } })).body.error_code,
    ).toBe('INVALID_MFA_CODE')
    const off = await call(app, 'POST', '/api/v1/mfa/totp/disable', { token, body: { code: backupCodes[3] } })
    expect(off.body).toEqual({ enabled: false })
    expect((await call(app, 'GET', '/api/v1/mfa/status', { token })).body).toEqual({
      enabled: false,
      methods: [],
      backup_codes_remaining: 0,
    })
    expect((await signIn(app)).body.tokens.access_token).toEqual(expect.any(String))
  })

  test('regenerate gives 10 new codes and the old set dies', async () => {
    const { app, advance, now } = clockedApp()
    const { token, secret, backupCodes } = await withTotp(app, now)
    advance(30_000)
    const res = await call(app, 'POST', '/api/v1/mfa/backup-codes/regenerate', {
      token,
      body: { code: await generateTotp(secret, now()) },
    })
    expect(res.body.backup_codes).toHaveLength(10)
    expect((await challenge(app, await mfaToken(app), backupCodes[0]!)).body.error_code).toBe('INVALID_MFA_CODE')
    expect((await challenge(app, await mfaToken(app), res.body.backup_codes[0])).status).toBe(200)
  })

  test('ten wrong codes to the management endpoints in 15 minutes answer 429', async () => {
    const { app, now } = clockedApp()
    const { token } = await withTotp(app, now)
    for (let i = 0; i < 10; i++) {
      expect((await call(app, 'POST', '/api/v1/mfa/totp/disable', { token, body: { code: '000000' } })).status).toBe(
        400,
      )
    }
    const limited = await call(app, 'POST', '/api/v1/mfa/totp/disable', { token, body: { code: '000000' } })
    expect([limited.status, limited.body.error_code]).toEqual([429, 'RATE_LIMITED'])
  })
})

describe('SMS', () => {
  async function smsUser(app: PlintoApp) {
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    const token = (await signIn(app)).body.tokens.access_token as string
    const sent = await call(app, 'POST', '/api/v1/mfa/sms/enable', { token, body: { phone: '+14155550123' } })
    expect(sent.status).toBe(202)
    const message = app.plinto.outbox!.messages('+14155550123').at(-1)
    expect(message).toMatchObject({ channel: 'sms', to: '+14155550123', code: expect.stringMatching(/^\d{6}$/) })
    return { token, code: message!.code! }
  }

  test('enable (202, code by SMS) → verify → on, with backup codes as the first factor', async () => {
    const { app } = clockedApp()
    const { token, code } = await smsUser(app)
    expect(
      (
        await call(app, 'POST', '/api/v1/mfa/sms/verify', {
          token,
          body: { code: code === '000000' ? '111111' : '000000' },
        })
      ).body.error_code,
    ).toBe('INVALID_MFA_CODE')
    const on = await call(app, 'POST', '/api/v1/mfa/sms/verify', { token, body: { code } })
    expect(on.body).toMatchObject({ enabled: true, backup_codes: expect.any(Array) })
    expect((await call(app, 'GET', '/api/v1/mfa/status', { token })).body).toEqual({
      enabled: true,
      methods: ['sms', 'backup_code'],
      backup_codes_remaining: 10,
    })
    expect((await call(app, 'POST', '/api/v1/mfa/sms/verify', { token, body: { code } })).body.error_code).toBe(
      'INVALID_MFA_CODE',
    )
  })

  test('refuses a phone number that is not E.164', async () => {
    const { app } = clockedApp()
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    const token = (await signIn(app)).body.tokens.access_token
    const res = await call(app, 'POST', '/api/v1/mfa/sms/enable', { token, body: { phone: '415 555 0123' } })
    expect([res.status, res.body.errors[0].field]).toEqual([422, 'phone'])
  })

  test('sign-in by SMS: challenge/send texts a code that finishes the sign-in once', async () => {
    const { app } = clockedApp()
    const { token, code } = await smsUser(app)
    const { backup_codes } = (await call(app, 'POST', '/api/v1/mfa/sms/verify', { token, body: { code } })).body
    const pending = await signIn(app)
    expect(pending.body.methods).toEqual(['sms', 'backup_code'])
    const send = await call(app, 'POST', '/api/v1/mfa/challenge/send', {
      body: { mfa_token: pending.body.mfa_token, method: 'sms' },
    })
    expect(send.status).toBe(202)
    const smsCode = app.plinto.outbox!.messages('+14155550123').at(-1)!.code!
    expect((await challenge(app, pending.body.mfa_token, smsCode)).status).toBe(200)

    // A code sent for one sign-in does not finish another.
    const next = await signIn(app)
    expect((await challenge(app, next.body.mfa_token, smsCode)).body.error_code).toBe('INVALID_MFA_CODE')
    // Disabling SMS takes a backup code (an SMS-only account has no TOTP).
    expect(
      (await call(app, 'POST', '/api/v1/mfa/sms/disable', { token, body: { code: backup_codes[0] } })).body,
    ).toEqual({ enabled: false })
    expect((await call(app, 'GET', '/api/v1/auth/me', { token })).body.mfa_enabled).toBe(false)
  })

  test('challenge/send for an account without SMS is refused', async () => {
    const { app, now } = clockedApp()
    await withTotp(app, now)
    const res = await call(app, 'POST', '/api/v1/mfa/challenge/send', {
      body: { mfa_token: await mfaToken(app), method: 'sms' },
    })
    expect(res.status).toBe(400)
  })
})

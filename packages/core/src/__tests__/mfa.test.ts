import { totp } from '@plinto/testing'
import { describe, expect, it } from 'vitest'
import type { PlintoClient } from '../index'
import { PASSWORD, failure, recordEvents, useBackend } from './integration-setup'

const { backend, client } = useBackend()
const EMAIL = 'ada@example.com'
const PHONE = '+14155550123'

async function signedIn() {
  await backend.seedUser({ email: EMAIL, password: PASSWORD })
  const plinto = client()
  await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
  return plinto
}

/** The code an authenticator app shows now, on the server's clock. */
const currentCode = (secret: string) => totp(secret, backend.clock.now())
/** TOTP codes are accepted once per 30 s step: move to the next step before using another. */
const nextStep = () => backend.clock.advance(30_000)

/** Signs out and tries a password sign-in; returns the MFA_REQUIRED error. */
async function passwordStep(plinto: PlintoClient) {
  await plinto.auth.signOut()
  const error = await failure(plinto.auth.signIn({ email: EMAIL, password: PASSWORD }))
  expect(error.code).toBe('MFA_REQUIRED')
  expect(plinto.getSnapshot().status).toBe('signed_out')
  return error
}

async function withTotp() {
  const plinto = await signedIn()
  const setup = await plinto.mfa.enableTotp()
  await plinto.mfa.verifyTotp(await currentCode(setup.secret))
  return { plinto, ...setup }
}

describe('TOTP', () => {
  it('enable → verify → sign-out → sign-in throws MFA_REQUIRED → verifyMfaChallenge signs in', async () => {
    const plinto = await signedIn()
    const events = recordEvents(plinto)
    const setup = await plinto.mfa.enableTotp()
    expect(setup.qr_code).toMatch(/^data:/)
    expect(setup.provisioning_uri).toMatch(/^otpauth:\/\/totp\//)
    expect(setup.backup_codes).toHaveLength(10)
    // Pending until verified.
    expect((await plinto.mfa.getStatus()).enabled).toBe(false)
    expect(await plinto.mfa.verifyTotp(await currentCode(setup.secret))).toEqual({ enabled: true })
    expect(plinto.getSnapshot().user?.mfa_enabled).toBe(true)
    expect(events.userUpdated).toHaveLength(1)
    expect(await plinto.mfa.getStatus()).toEqual({
      enabled: true,
      methods: expect.arrayContaining(['totp']),
      backup_codes_remaining: 10,
    })

    const required = await passwordStep(plinto)
    expect(required.mfaToken).toEqual(expect.any(String))
    expect(required.methods).toEqual(expect.arrayContaining(['totp', 'backup_code']))
    nextStep()
    const { user } = await plinto.auth.verifyMfaChallenge({
      mfa_token: required.mfaToken!,
      code: await currentCode(setup.secret),
    })
    expect(user.email).toBe(EMAIL)
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })

  it('a wrong code is INVALID_MFA_CODE (verify, challenge) and changes nothing', async () => {
    const plinto = await signedIn()
    await plinto.mfa.enableTotp()
    expect((await failure(plinto.mfa.verifyTotp('000000'))).code).toBe('INVALID_MFA_CODE')
    expect(plinto.getSnapshot().user?.mfa_enabled).toBe(false)
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)

    const { plinto: second } = await (async () => {
      backend.reset()
      return withTotp()
    })()
    const required = await passwordStep(second)
    expect(
      (await failure(second.auth.verifyMfaChallenge({ mfa_token: required.mfaToken!, code: '000000' }))).code,
    ).toBe('INVALID_MFA_CODE')
    expect(second.getSnapshot().status).toBe('signed_out')
  })

  it('guessing: the fifth wrong challenge code ends the mfa_token (INVALID_TOKEN)', async () => {
    const { plinto, secret } = await withTotp()
    const required = await passwordStep(plinto)
    for (let i = 0; i < 5; i++) {
      expect(
        (await failure(plinto.auth.verifyMfaChallenge({ mfa_token: required.mfaToken!, code: '000000' }))).code,
      ).toBe('INVALID_MFA_CODE')
    }
    nextStep()
    const dead = await failure(
      plinto.auth.verifyMfaChallenge({ mfa_token: required.mfaToken!, code: await currentCode(secret) }),
    )
    expect(dead.code).toBe('INVALID_TOKEN')
    expect(plinto.getSnapshot().status).toBe('signed_out')
  })

  it('guessing management codes: after 10 wrong ones, RATE_LIMITED with retryAfter (POST is not retried)', async () => {
    const { plinto } = await withTotp()
    for (let i = 0; i < 10; i++) expect((await failure(plinto.mfa.disableTotp('000000'))).code).toBe('INVALID_MFA_CODE')
    const limited = await failure(plinto.mfa.disableTotp('000000'))
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryable: true })
    expect(limited.retryAfter).toBeGreaterThan(0)
    expect(backend.countRequests('POST', '/mfa/totp/disable')).toBe(11)
    expect(plinto.getSnapshot().user?.mfa_enabled).toBe(true)
  })

  it('a backup code works once', async () => {
    const { plinto, backup_codes } = await withTotp()
    const first = await passwordStep(plinto)
    await plinto.auth.verifyMfaChallenge({ mfa_token: first.mfaToken!, code: backup_codes[0]! })
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect((await plinto.mfa.getStatus()).backup_codes_remaining).toBe(9)
    const second = await passwordStep(plinto)
    expect(
      (await failure(plinto.auth.verifyMfaChallenge({ mfa_token: second.mfaToken!, code: backup_codes[0]! }))).code,
    ).toBe('INVALID_MFA_CODE')
  })

  it('regenerateBackupCodes replaces the set; disableTotp turns MFA off in the snapshot', async () => {
    const { plinto, secret, backup_codes } = await withTotp()
    nextStep()
    const { backup_codes: fresh } = await plinto.mfa.regenerateBackupCodes(await currentCode(secret))
    expect(fresh).toHaveLength(10)
    expect((await failure(plinto.mfa.disableTotp(backup_codes[0]!))).code).toBe('INVALID_MFA_CODE')
    expect(await plinto.mfa.disableTotp(fresh[0]!)).toEqual({ enabled: false })
    expect(plinto.getSnapshot().user?.mfa_enabled).toBe(false)
    await plinto.auth.signOut()
    await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })

  it("the docs' auth.setupMFA('totp') / auth.verifyMFA(code) are the same implementation", async () => {
    const plinto = await signedIn()
    expect(plinto.auth.sendMfaChallenge).toBe(plinto.mfa.sendChallenge)
    const setup = await plinto.auth.setupMFA('totp')
    expect(backend.countRequests('POST', '/mfa/totp/enable')).toBe(1)
    expect(await plinto.auth.verifyMFA(await currentCode(setup.secret))).toMatchObject({ success: true, enabled: true })
    expect(backend.countRequests('POST', '/mfa/totp/verify')).toBe(1)
    expect(plinto.getSnapshot().user?.mfa_enabled).toBe(true)
  })
})

describe('SMS', () => {
  const smsCode = () => backend.lastMessage(PHONE).code!

  it('enable → code from the outbox → verify (with backup codes); sign-in sends a code on request', async () => {
    const plinto = await signedIn()
    expect(await plinto.mfa.enableSms(PHONE)).toEqual({ message: expect.any(String) })
    expect(backend.lastMessage(PHONE).channel).toBe('sms')
    const verified = await plinto.mfa.verifySms(smsCode())
    expect(verified).toMatchObject({ enabled: true, backup_codes: expect.any(Array) })
    expect(plinto.getSnapshot().user?.mfa_enabled).toBe(true)

    const required = await passwordStep(plinto)
    expect(required.methods).toContain('sms')
    const before = backend.outbox(PHONE).length
    await plinto.auth.sendMfaChallenge({ mfa_token: required.mfaToken!, method: 'sms' })
    expect(backend.outbox(PHONE)).toHaveLength(before + 1)
    await plinto.auth.verifyMfaChallenge({ mfa_token: required.mfaToken!, code: smsCode() })
    expect(plinto.getSnapshot().status).toBe('signed_in')

    expect(await plinto.mfa.disableSms(verified.backup_codes![0]!)).toEqual({ enabled: false })
    expect(plinto.getSnapshot().user?.mfa_enabled).toBe(false)
  })

  it("auth.setupMFA('sms', phone) / verifyMFA(code) verify the factor that was set up", async () => {
    const plinto = await signedIn()
    await plinto.auth.setupMFA('sms', PHONE)
    expect(await plinto.auth.verifyMFA(smsCode())).toMatchObject({ success: true, enabled: true })
    expect(backend.countRequests('POST', '/mfa/sms/verify')).toBe(1)
    expect((await plinto.mfa.getStatus()).methods).toContain('sms')
  })

  it('a wrong SMS code is INVALID_MFA_CODE; a bad phone number is VALIDATION_ERROR on the field', async () => {
    const plinto = await signedIn()
    const invalid = await failure(plinto.mfa.enableSms('0123'))
    expect(invalid.code).toBe('VALIDATION_ERROR')
    expect(invalid.fields.map((f) => f.field)).toEqual(['phone'])
    await plinto.mfa.enableSms(PHONE)
    const wrong = smsCode() === '000000' ? '111111' : '000000'
    expect((await failure(plinto.mfa.verifySms(wrong))).code).toBe('INVALID_MFA_CODE')
  })

  it('sendChallenge with a dead mfa_token is INVALID_TOKEN', async () => {
    const plinto = client()
    expect((await failure(plinto.mfa.sendChallenge({ mfa_token: 'nope', method: 'sms' }))).code).toBe('INVALID_TOKEN')
  })
})

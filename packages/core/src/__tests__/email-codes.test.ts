// plinto.auth's emailed one-time codes against the reference server behind MSW (with `emailCodes` on).
import { totp } from '@plinto/testing'
import { describe, expect, it } from 'vitest'
import { PASSWORD, failure, recordEvents, useBackend } from './integration-setup'

const { backend, client } = useBackend({ emailCodes: true })
const EMAIL = 'ada@example.com'

/** The code of the last email sent to `email`. */
const lastCode = (email = EMAIL) => backend.lastMessage(email).code!

describe('email codes', () => {
  it('sendEmailCode → the emailed code → signInWithEmailCode signs in through the session (signedIn)', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    const events = recordEvents(plinto)
    const sent = await plinto.auth.sendEmailCode({ email: EMAIL, purpose: 'sign_in' })
    expect(sent.message).toMatch(/code/)
    expect(lastCode()).toMatch(/^\d{6}$/)
    const { user } = await plinto.auth.signInWithEmailCode({ email: EMAIL, code: lastCode() })
    expect(user.email).toBe(EMAIL)
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
    expect(events.signedIn).toHaveLength(1)
    // Single use.
    const again = await failure(client().auth.signInWithEmailCode({ email: EMAIL, code: lastCode() }))
    expect(again.code).toBe('EMAIL_CODE_EXPIRED')
  })

  it('wrong codes are typed errors: INVALID_EMAIL_CODE, then EMAIL_CODE_ATTEMPTS_EXCEEDED', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    await plinto.auth.sendEmailCode({ email: EMAIL, purpose: 'sign_in' })
    const wrong = String((Number(lastCode()) + 1) % 1_000_000).padStart(6, '0')
    const codes: string[] = []
    for (let i = 0; i < 5; i++)
      codes.push((await failure(plinto.auth.signInWithEmailCode({ email: EMAIL, code: wrong }))).code)
    expect(codes).toEqual([...Array(4).fill('INVALID_EMAIL_CODE'), 'EMAIL_CODE_ATTEMPTS_EXCEEDED'])
    const expired = await failure(plinto.auth.signInWithEmailCode({ email: EMAIL, code: lastCode() }))
    expect([expired.code, expired.status]).toEqual(['EMAIL_CODE_EXPIRED', 400])
    expect(plinto.getSnapshot().status).toBe('signed_out')
  })

  it('an account with TOTP: MFA_REQUIRED with the mfa_token, then verifyMfaChallenge signs in', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    const setup = await plinto.mfa.enableTotp()
    await plinto.mfa.verifyTotp(await totp(setup.secret, backend.clock.now()))
    await plinto.auth.signOut()
    await plinto.auth.sendEmailCode({ email: EMAIL, purpose: 'sign_in' })
    const error = await failure(plinto.auth.signInWithEmailCode({ email: EMAIL, code: lastCode() }))
    expect(error.code).toBe('MFA_REQUIRED')
    expect(error.methods).toContain('totp')
    expect(plinto.getSnapshot().status).toBe('signed_out')
    backend.clock.advance(30_000)
    await plinto.auth.verifyMfaChallenge({
      mfa_token: error.mfaToken!,
      code: await totp(setup.secret, backend.clock.now()),
    })
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })

  it("verifyEmailWithCode verifies the signed-in user's address and updates the snapshot", async () => {
    const plinto = client()
    await plinto.auth.signUp({ email: EMAIL, password: PASSWORD })
    expect(plinto.getSnapshot().user?.email_verified).toBe(false)
    await plinto.auth.sendEmailCode({ email: EMAIL, purpose: 'verify_email' })
    await plinto.auth.verifyEmailWithCode({ code: lastCode() })
    expect(plinto.getSnapshot().user?.email_verified).toBe(true)
    expect((await plinto.auth.getCurrentUser())?.email_verified).toBe(true)
  })

  it('verifyEmailWithCode signed out needs an email (CONFIG_ERROR), and works with one', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD, email_verified: false })
    const plinto = client()
    expect((await failure(plinto.auth.verifyEmailWithCode({ code: '123456' }))).code).toBe('CONFIG_ERROR')
    await plinto.auth.sendEmailCode({ email: EMAIL, purpose: 'verify_email' })
    await plinto.auth.verifyEmailWithCode({ email: EMAIL, code: lastCode() })
    await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    expect(plinto.getSnapshot().user?.email_verified).toBe(true)
  })
})

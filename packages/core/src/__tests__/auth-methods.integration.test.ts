import { totp } from '@plinto/testing'
import { describe, expect, it } from 'vitest'
import { UserSchema } from '@plinto/contract'
import { PASSWORD, failure, recordEvents, tokenFromLink, useBackend } from './integration-setup'

const { backend, client } = useBackend()
const EMAIL = 'ada@example.com'

const lastBody = (path: string) => backend.requests.filter((r) => r.path === path).at(-1)?.body

describe('auth against the reference server', () => {
  it('signUp: creates the account, signs in, sends a verification email', async () => {
    const plinto = client()
    const events = recordEvents(plinto)
    const { user, tokens } = await plinto.auth.signUp({
      email: EMAIL,
      password: PASSWORD,
      first_name: 'Ada',
      last_name: 'Lovelace',
    })
    expect(UserSchema.safeParse(user).success).toBe(true)
    expect(user).toMatchObject({ email: EMAIL, email_verified: false, first_name: 'Ada' })
    expect(tokens).toMatchObject({
      token_type: 'bearer',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    })
    expect(lastBody('/auth/signup')).toEqual({
      email: EMAIL,
      password: PASSWORD,
      first_name: 'Ada',
      last_name: 'Lovelace',
    })
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
    expect(events.signedIn).toEqual([{ user }])
    expect(backend.lastMessage(EMAIL).link).toContain('token=')
  })

  it('signUp with a taken email → EMAIL_TAKEN', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    expect(await failure(client().auth.signUp({ email: EMAIL, password: PASSWORD }))).toMatchObject({
      code: 'EMAIL_TAKEN',
      status: 409,
    })
  })

  it('signUp with a common password → WEAK_PASSWORD', async () => {
    expect(await failure(client().auth.signUp({ email: EMAIL, password: 'password123' }))).toMatchObject({
      code: 'WEAK_PASSWORD',
    })
  })

  it('signIn by email and by username; wrong password → INVALID_CREDENTIALS', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD, username: 'ada' })
    const plinto = client()
    const { user, tokens } = await plinto.auth.signIn({ email: EMAIL, password: PASSWORD, remember: true })
    expect(user.email).toBe(EMAIL)
    expect(tokens.expires_in).toBeGreaterThan(0)
    expect(lastBody('/auth/signin')).toEqual({ email: EMAIL, password: PASSWORD, remember: true })
    const byName = await client().auth.signIn({ username: 'ada', password: PASSWORD })
    expect(byName.user.id).toBe(user.id)
    const error = await failure(client().auth.signIn({ email: EMAIL, password: 'not the password' }))
    expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401, requestId: expect.any(String) })
  })

  it('getCurrentUser: null without a request when signed out; the user from GET /auth/me when signed in', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    expect(await plinto.auth.getCurrentUser()).toBeNull()
    expect(backend.countRequests('GET', '/auth/me')).toBe(0)
    await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    const user = await plinto.auth.getCurrentUser()
    expect(user).toMatchObject({ email: EMAIL })
    const me = backend.requests.find((r) => r.path === '/auth/me')!
    expect(me.headers.authorization).toMatch(/^Bearer ey/)
  })

  it('getCurrentUser updates the snapshot and emits userUpdated when the profile changed', async () => {
    const plinto = client()
    await plinto.auth.signUp({ email: EMAIL, password: PASSWORD })
    const events = recordEvents(plinto)
    await plinto.auth.verifyEmail(tokenFromLink(backend.lastMessage(EMAIL).link))
    const before = plinto.getSnapshot()
    const user = await plinto.auth.getCurrentUser()
    expect(user?.email_verified).toBe(true)
    expect(plinto.getSnapshot()).not.toBe(before)
    expect(plinto.getSnapshot().user?.email_verified).toBe(true)
    expect(events.userUpdated).toHaveLength(1)
    const same = plinto.getSnapshot()
    await plinto.auth.getCurrentUser()
    expect(plinto.getSnapshot()).toBe(same)
    expect(events.userUpdated).toHaveLength(1)
  })

  it('signOut: ends the server session (its refresh token dies) and signs out locally', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    const events = recordEvents(plinto)
    const { tokens } = await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    await plinto.auth.signOut()
    expect(backend.countRequests('POST', '/auth/signout')).toBe(1)
    expect(backend.requests.find((r) => r.path === '/auth/signout')!.headers.authorization).toBe(
      `Bearer ${tokens.access_token}`,
    )
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_out', user: null })
    expect(events.signedOut).toEqual([{ reason: 'user' }])
    const other = client()
    expect(await failure(other.auth.refreshToken({ refresh_token: tokens.refresh_token! }))).toMatchObject({
      status: 401,
    })
  })

  it('signOut still signs out locally when the server is unreachable', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    backend.faults.networkError({ path: '/auth/signout' })
    await plinto.auth.signOut()
    expect(plinto.getSnapshot().status).toBe('signed_out')
  })

  it('refreshToken: rotates the pair and keeps the user signed in', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    const { tokens } = await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    const next = await plinto.auth.refreshToken()
    expect(next.refresh_token).not.toBe(tokens.refresh_token)
    expect(lastBody('/auth/refresh')).toEqual({ refresh_token: tokens.refresh_token })
    expect(await plinto.auth.getCurrentUser()).toMatchObject({ email: EMAIL })
  })

  it('refreshToken({ refresh_token }) adopts the session that token belongs to', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const { tokens } = await client().auth.signIn({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    const events = recordEvents(plinto)
    const next = await plinto.auth.refreshToken({ refresh_token: tokens.refresh_token! })
    expect(next.access_token).toEqual(expect.any(String))
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email: EMAIL } })
    expect(events.signedIn).toHaveLength(1)
  })

  it('changePassword: returns the message; the old password stops working', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    const result = await plinto.auth.changePassword({
      current_password: PASSWORD,
      new_password: 'an even longer passphrase',
    })
    expect(result.message).toEqual(expect.any(String))
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(await failure(client().auth.signIn({ email: EMAIL, password: PASSWORD }))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    })
    expect(
      await failure(plinto.auth.changePassword({ current_password: 'wrong', new_password: 'x'.repeat(12) })),
    ).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      fields: [{ field: 'current_password', message: expect.any(String) }],
    })
    // A 401 about the submitted password is not an expired token: no refresh, no retry.
    expect(backend.countRequests('POST', '/auth/refresh')).toBe(0)
    expect(backend.countRequests('POST', '/auth/password/change')).toBe(2)
  })

  it('forgotPassword + resetPassword(token, newPassword)', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    const unknown = await plinto.auth.forgotPassword({ email: 'nobody@example.com' })
    const known = await plinto.auth.forgotPassword({ email: EMAIL })
    expect(known).toEqual(unknown)
    const token = tokenFromLink(backend.lastMessage(EMAIL).link)
    expect(await plinto.auth.resetPassword(token, 'a brand new passphrase')).toEqual({ message: expect.any(String) })
    expect(lastBody('/auth/password/reset')).toEqual({ token, new_password: 'a brand new passphrase' })
    await plinto.auth.signIn({ email: EMAIL, password: 'a brand new passphrase' })
    expect(await failure(plinto.auth.resetPassword(token, 'another passphrase!'))).toMatchObject({
      code: 'INVALID_TOKEN',
    })
  })

  it('verifyEmail(token) and resendVerification()', async () => {
    const plinto = client()
    await plinto.auth.signUp({ email: EMAIL, password: PASSWORD })
    await plinto.auth.resendVerification()
    expect(backend.outbox(EMAIL)).toHaveLength(2)
    expect(backend.requests.find((r) => r.path === '/auth/email/resend')!.headers.authorization).toMatch(/^Bearer /)
    const result = await plinto.auth.verifyEmail(tokenFromLink(backend.lastMessage(EMAIL).link))
    expect(result.message).toEqual(expect.any(String))
    expect(await failure(plinto.auth.verifyEmail('not-a-token'))).toMatchObject({ code: 'INVALID_TOKEN' })
  })

  it('sendMagicLink + verifyMagicLink(token) signs in', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    const events = recordEvents(plinto)
    expect(await plinto.auth.sendMagicLink({ email: EMAIL })).toEqual({ message: expect.any(String) })
    const { user } = await plinto.auth.verifyMagicLink(tokenFromLink(backend.lastMessage(EMAIL).link))
    expect(user.email).toBe(EMAIL)
    expect(plinto.getSnapshot().status).toBe('signed_in')
    expect(events.signedIn).toHaveLength(1)
  })
})

describe('MFA sign-in step', () => {
  it('signIn throws MFA_REQUIRED with mfaToken and methods; verifyMfaChallenge signs in', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    // Ada turns TOTP on (the reference server's own MFA), then signs in again on a new client.
    const first = client()
    await first.auth.signIn({ email: EMAIL, password: PASSWORD })
    const { secret } = await first.mfa.enableTotp()
    await first.mfa.verifyTotp(await totp(secret, backend.clock.now()))
    backend.clock.advance(30_000) // a TOTP code is accepted once per 30 s step
    const plinto = client()
    const error = await failure(plinto.auth.signIn({ email: EMAIL, password: PASSWORD }))
    expect(error).toMatchObject({
      code: 'MFA_REQUIRED',
      mfaToken: expect.any(String),
      methods: expect.arrayContaining(['totp']),
    })
    expect(plinto.getSnapshot().status).toBe('signed_out')

    expect(await failure(plinto.auth.verifyMfaChallenge({ mfa_token: error.mfaToken!, code: '000000' }))).toMatchObject(
      { code: 'INVALID_MFA_CODE' },
    )
    expect(plinto.getSnapshot().status).toBe('signed_out')

    const code = await totp(secret, backend.clock.now())
    const { user } = await plinto.auth.verifyMfaChallenge({ mfa_token: error.mfaToken!, code })
    expect(user.email).toBe(EMAIL)
    expect(lastBody('/mfa/challenge')).toEqual({ mfa_token: error.mfaToken, code })
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })
})

// Re-authentication against the real reference server (behind MSW): `auth.reauthenticate`, the REAUTH_REQUIRED error
// with typed `methods`, and the `onReauthenticationRequired` handler that has the person re-authenticate before the
// refused call is sent again, once.
import { describe, expect, it, vi } from 'vitest'
import { isReauthenticationRequired, type PlintoClient, type ReauthenticationHandler } from '../index'
import { totp } from '@plinto/testing'
import { PASSWORD, failure, useBackend } from './integration-setup'

const { backend, client } = useBackend()
const EMAIL = 'ada@example.com'
const ELEVEN_MINUTES = 11 * 60_000

/** A client signed in 11 minutes ago (by the server's clock): sensitive operations need a re-authentication. */
async function staleClient(options: { onReauthenticationRequired?: ReauthenticationHandler } = {}) {
  await backend.seedUser({ email: EMAIL, password: PASSWORD })
  const plinto = client(options)
  await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
  backend.clock.advance(ELEVEN_MINUTES)
  return plinto
}

const authTime = async (plinto: PlintoClient) => {
  const token = (await plinto.getAccessToken()) ?? ''
  return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).auth_time as number
}

describe('REAUTH_REQUIRED without a handler', () => {
  it('is the call’s answer, with the methods typed', async () => {
    const plinto = await staleClient()
    const error = await failure(plinto.sessions.revokeAllSessions())
    expect(isReauthenticationRequired(error)).toBe(true)
    expect(error).toMatchObject({ code: 'REAUTH_REQUIRED', status: 403, methods: ['password'] })
    expect(isReauthenticationRequired(new Error('REAUTH_REQUIRED'))).toBe(false)
  })
})

describe('auth.reauthenticate', () => {
  it('with the password allows the operation again and refreshes the token to the new auth_time', async () => {
    const plinto = await staleClient()
    const before = await authTime(plinto)
    const result = await plinto.auth.reauthenticate({ password: PASSWORD })
    expect(Date.parse(result.reauthentication_expires_at) - Date.parse(result.authenticated_at)).toBe(600_000)
    expect(await authTime(plinto)).toBe(Math.floor(Date.parse(result.authenticated_at) / 1000))
    expect(await authTime(plinto)).toBeGreaterThan(before)
    expect(await plinto.sessions.revokeAllSessions()).toEqual({ revoked_count: 0 })
  })

  it('a wrong password is INVALID_CREDENTIALS, and the session stays signed in', async () => {
    const plinto = await staleClient()
    const error = await failure(plinto.auth.reauthenticate({ password: 'not the password' }))
    expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 })
    expect(plinto.getSnapshot().status).toBe('signed_in')
  })

  it('with a TOTP code, with a backup code (spent once); a passkey needs WebAuthn', async () => {
    await backend.seedUser({ email: EMAIL, password: PASSWORD })
    const plinto = client()
    await plinto.auth.signIn({ email: EMAIL, password: PASSWORD })
    const setup = await plinto.mfa.enableTotp()
    await plinto.mfa.verifyTotp(await totp(setup.secret, backend.clock.now()))
    backend.clock.advance(ELEVEN_MINUTES)
    const refused = await failure(plinto.sessions.revokeAllSessions())
    expect(refused.methods).toEqual(['password', 'totp', 'backup_code'])
    await plinto.auth.reauthenticate({ code: await totp(setup.secret, backend.clock.now()) })
    expect(await plinto.sessions.revokeAllSessions()).toEqual({ revoked_count: 0 })

    const code = setup.backup_codes[0]!
    await plinto.auth.reauthenticate({ backupCode: code })
    expect((await failure(plinto.auth.reauthenticate({ backupCode: code }))).code).toBe('INVALID_MFA_CODE')
    const lacking = await failure(plinto.auth.reauthenticate({ passkey: true }))
    // No WebAuthn in Node: the ceremony is refused before anything is sent.
    expect(lacking.code).toBe('PASSKEY_NOT_SUPPORTED')
  })
})

describe('onReauthenticationRequired', () => {
  it('is awaited, then the refused call is sent again once and succeeds', async () => {
    let plinto: PlintoClient | undefined
    const handler = vi.fn<ReauthenticationHandler>(async () => {
      await plinto?.auth.reauthenticate({ password: PASSWORD })
    })
    plinto = await staleClient({ onReauthenticationRequired: handler })
    expect(await plinto.sessions.revokeAllSessions()).toEqual({ revoked_count: 0 })
    expect(handler).toHaveBeenCalledTimes(1)
    expect(handler.mock.calls[0]![0]).toMatchObject({ methods: ['password'], error: { code: 'REAUTH_REQUIRED' } })
    expect(backend.countRequests('POST', '/sessions/revoke-all')).toBe(2)
  })

  it('a handler that rejects (cancelled) rejects the call with REAUTH_CANCELLED, and nothing is retried', async () => {
    const plinto = await staleClient({
      onReauthenticationRequired: () => Promise.reject(new Error('the person closed the dialog')),
    })
    const error = await failure(plinto.sessions.revokeAllSessions())
    expect(error).toMatchObject({ code: 'REAUTH_CANCELLED', methods: ['password'] })
    expect((error.cause as Error).message).toBe('the person closed the dialog')
    expect(backend.countRequests('POST', '/sessions/revoke-all')).toBe(1)
  })

  it('retries once only: a handler that did not re-authenticate gets the second REAUTH_REQUIRED back', async () => {
    const handler = vi.fn<ReauthenticationHandler>(async () => {})
    const plinto = await staleClient({ onReauthenticationRequired: handler })
    expect((await failure(plinto.sessions.revokeAllSessions())).code).toBe('REAUTH_REQUIRED')
    expect(handler).toHaveBeenCalledTimes(1)
    expect(backend.countRequests('POST', '/sessions/revoke-all')).toBe(2)
  })

  it('calls refused together share one handler call (one dialog)', async () => {
    let plinto: PlintoClient | undefined
    const handler = vi.fn<ReauthenticationHandler>(async () => {
      await plinto?.auth.reauthenticate({ password: PASSWORD })
    })
    plinto = await staleClient({ onReauthenticationRequired: handler })
    // Both refused with REAUTH_REQUIRED; after the one re-authentication each is sent again (the second then fails
    // on its own merits: this account has no MFA).
    const [revoked, regenerated] = await Promise.allSettled([
      plinto.sessions.revokeAllSessions(),
      plinto.mfa.regenerateBackupCodes('000000'),
    ])
    expect(revoked).toEqual({ status: 'fulfilled', value: { revoked_count: 0 } })
    expect(regenerated).toMatchObject({ status: 'rejected', reason: { code: 'VALIDATION_ERROR' } })
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('setReauthenticationHandler sets one at run time and its return value removes it', async () => {
    const plinto = await staleClient()
    const handler = vi.fn<ReauthenticationHandler>(() =>
      plinto.auth.reauthenticate({ password: PASSWORD }).then(() => {}),
    )
    const remove = plinto.setReauthenticationHandler(handler)
    expect(await plinto.sessions.revokeAllSessions()).toEqual({ revoked_count: 0 })
    remove()
    backend.clock.advance(ELEVEN_MINUTES)
    expect((await failure(plinto.sessions.revokeAllSessions())).code).toBe('REAUTH_REQUIRED')
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('must be a function', () => {
    expect(() => client({ onReauthenticationRequired: 'yes' as never })).toThrow(/onReauthenticationRequired/)
  })
})

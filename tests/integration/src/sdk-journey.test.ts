import { isPlintoError, PlintoClient, type PlintoError } from '@plinto/typescript-sdk'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startReferenceServer, tokenFromLink } from './reference-server'

// The SDK against the real reference server over HTTP on 127.0.0.1: no MSW, no mocks.
let server: Awaited<ReturnType<typeof startReferenceServer>>
beforeAll(async () => {
  server = await startReferenceServer()
})
afterAll(async () => {
  await server.close()
})

async function rejection(promise: Promise<unknown>): Promise<PlintoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isPlintoError(error)) throw new Error(`expected a PlintoError, got ${String(error)}`)
  return error
}

describe('the SDK against the running reference server', () => {
  test('sign up → verify email from the outbox → sign in → me → refresh → sign out', async () => {
    const email = 'journey@example.com'
    const password = 'a long enough passphrase'
    const plinto = new PlintoClient({ apiUrl: server.url, tokenStorage: { type: 'memory' } })
    const events: string[] = []
    plinto.on('signedIn', () => events.push('signedIn'))
    plinto.on('tokenRefreshed', () => events.push('tokenRefreshed'))
    plinto.on('signedOut', ({ reason }) => events.push(`signedOut:${reason}`))

    const signUp = await plinto.auth.signUp({ email, password, first_name: 'Ada' })
    expect(signUp.user).toMatchObject({ email, first_name: 'Ada', email_verified: false })
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_in', user: { email } })

    const [verification] = await server.outbox(email)
    expect(verification?.subject).toMatch(/verify/i)
    await plinto.auth.verifyEmail(tokenFromLink(verification))
    // The link is single-use.
    expect((await rejection(plinto.auth.verifyEmail(tokenFromLink(verification)))).code).toBe('INVALID_TOKEN')

    await plinto.auth.signOut()
    expect(plinto.getSnapshot().status).toBe('signed_out')
    expect(await plinto.auth.getCurrentUser()).toBeNull()

    const { user, tokens } = await plinto.auth.signIn({ email, password })
    expect(user.email_verified).toBe(true)
    expect(tokens.token_type).toBe('bearer')
    const me = await plinto.auth.getCurrentUser()
    expect(me).toMatchObject({ id: user.id, email, email_verified: true })

    const rotated = await plinto.auth.refreshToken()
    expect(rotated.access_token).not.toBe(tokens.access_token)
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token)
    expect(await plinto.auth.getCurrentUser()).toMatchObject({ id: user.id })

    await plinto.auth.signOut()
    expect(plinto.getSnapshot()).toMatchObject({ status: 'signed_out', user: null })
    // Sign-out ended the session on the server: its refresh token is dead.
    const dead = await fetch(`${server.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: rotated.refresh_token }),
    })
    expect(dead.status).toBe(401)
    expect((await dead.json()).error_code).toBe('SESSION_REVOKED')

    expect(events).toEqual(['signedIn', 'signedOut:user', 'signedIn', 'tokenRefreshed', 'signedOut:user'])
    plinto.dispose()
  })

  test('wrong password and a taken email come back as typed errors', async () => {
    const plinto = new PlintoClient({ apiUrl: server.url, tokenStorage: { type: 'memory' } })
    await plinto.auth.signUp({ email: 'taken@example.com', password: 'a long enough passphrase' })
    expect(
      (await rejection(plinto.auth.signUp({ email: 'TAKEN@example.com', password: 'another long passphrase' }))).code,
    ).toBe('EMAIL_TAKEN')
    const wrong = await rejection(plinto.auth.signIn({ email: 'taken@example.com', password: 'not the passphrase' }))
    expect(wrong).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 })
    expect(wrong.requestId).toEqual(expect.any(String))
    expect((await rejection(plinto.auth.signUp({ email: 'weak@example.com', password: 'password' }))).code).toBe(
      'WEAK_PASSWORD',
    )
    plinto.dispose()
  })

  test('a password reset through the outbox ends every session of the account', async () => {
    const email = 'reset@example.com'
    const first = new PlintoClient({ apiUrl: server.url, tokenStorage: { type: 'memory' } })
    const second = new PlintoClient({ apiUrl: server.url, tokenStorage: { type: 'memory' } })
    await first.auth.signUp({ email, password: 'the first passphrase' })
    await second.auth.signIn({ email, password: 'the first passphrase' })
    const signedOut = new Promise((resolve) => second.on('signedOut', resolve))

    await first.auth.forgotPassword({ email })
    const reset = (await server.outbox(email)).find((m) => m.link?.includes('reset-password'))
    await first.auth.resetPassword(tokenFromLink(reset), 'the second passphrase')

    // The other device finds out on its next call: its session was revoked, so there is no user any more.
    expect(await second.auth.getCurrentUser()).toBeNull()
    await expect(signedOut).resolves.toMatchObject({ reason: 'revoked' })
    expect(second.getSnapshot().status).toBe('signed_out')

    expect((await rejection(first.auth.signIn({ email, password: 'the first passphrase' }))).code).toBe(
      'INVALID_CREDENTIALS',
    )
    await expect(first.auth.signIn({ email, password: 'the second passphrase' })).resolves.toMatchObject({
      user: { email },
    })
    first.dispose()
    second.dispose()
  })
})

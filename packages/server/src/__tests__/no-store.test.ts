// Responses that carry tokens, secrets or backup codes send `Cache-Control: no-store`: each one is produced here
// through its real flow, and the list is the one the OpenAPI document declares (`noStore` in the contract).
import { createOpenApiDocument } from '@plinto/contract/openapi'
import { expect, test } from 'vitest'
import { generateTotp } from '../crypto/totp'
import { CALLBACK, call, PASSWORD, pkce, type Reply, signIn, testApp } from './helpers'

const magicToken = (link: string | null | undefined) =>
  new URL(link ?? 'http://invalid/').searchParams.get('magic_token') ?? ''

test('every response with tokens, secrets or backup codes is no-store, and the list is the contract’s', async () => {
  // Mid-step, so TOTP codes never straddle a step boundary.
  const now = Date.UTC(2030, 0, 1, 0, 0, 15)
  const app = testApp({ clock: { now: () => now }, config: { emailCodes: true } })
  const seen = new Map<string, Reply | Response>()

  // Sign-up, sign-in, refresh.
  const signUp = await call(app, 'POST', '/api/v1/auth/signup', {
    body: { email: 'ada@example.com', password: PASSWORD },
  })
  seen.set('signUp', signUp)
  const signedIn = await signIn(app)
  seen.set('signIn', signedIn)
  const refreshed = await call(app, 'POST', '/api/v1/auth/refresh', {
    body: { refresh_token: signedIn.body.tokens.refresh_token },
  })
  seen.set('refreshTokens', refreshed)
  // The organization switch is a refresh too (to none here: no organization needed).
  const switched = await call(app, 'POST', '/api/v1/auth/organization/switch', {
    body: { organization_id: null, refresh_token: refreshed.body.refresh_token },
  })
  seen.set('switchOrganization', switched)
  const token = switched.body.access_token as string

  // Magic link.
  await call(app, 'POST', '/api/v1/auth/magic-link', { body: { email: 'ada@example.com' } })
  const magic = magicToken(app.plinto.outbox!.messages('ada@example.com').at(-1)?.link)
  seen.set('verifyMagicLink', await call(app, 'POST', '/api/v1/auth/magic-link/verify', { body: { token: magic } }))

  // Email code (before TOTP: afterwards the sign-in would stop at the second step).
  await call(app, 'POST', '/api/v1/auth/email-code/send', { body: { email: 'ada@example.com', purpose: 'sign_in' } })
  const emailCode = app.plinto.outbox!.messages('ada@example.com').at(-1)?.code
  seen.set(
    'verifyEmailCode',
    await call(app, 'POST', '/api/v1/auth/email-code/verify', {
      body: { email: 'ada@example.com', code: emailCode, purpose: 'sign_in' },
    }),
  )

  // TOTP: the secret, the confirmation, new backup codes, the sign-in's second step, switching it off.
  const setup = await call(app, 'POST', '/api/v1/mfa/totp/enable', { token })
  seen.set('enableTotp', setup)
  const code = await generateTotp(setup.body.secret, now)
  seen.set('verifyTotp', await call(app, 'POST', '/api/v1/mfa/totp/verify', { token, body: { code } }))
  const regenerated = await call(app, 'POST', '/api/v1/mfa/backup-codes/regenerate', {
    token,
    body: { code: setup.body.backup_codes[0] },
  })
  seen.set('regenerateBackupCodes', regenerated)
  const [first, second] = regenerated.body.backup_codes as string[]
  const pending = await signIn(app)
  expect(pending.body.mfa_required).toBe(true)
  seen.set('signIn (mfa_token)', pending)
  seen.set(
    'verifyMfaChallenge',
    await call(app, 'POST', '/api/v1/mfa/challenge', { body: { mfa_token: pending.body.mfa_token, code: first } }),
  )
  // A TOTP code counts once, so the backup codes prove the later steps.
  seen.set('disableTotp', await call(app, 'POST', '/api/v1/mfa/totp/disable', { token, body: { code: second } }))

  // SMS: the confirmation answers the backup codes.
  await call(app, 'POST', '/api/v1/mfa/sms/enable', { token, body: { phone: '+14155550123' } })
  const smsCode = app.plinto.outbox!.messages('+14155550123').at(-1)!.code!
  const sms = await call(app, 'POST', '/api/v1/mfa/sms/verify', { token, body: { code: smsCode } })
  seen.set('verifySms', sms)
  seen.set(
    'disableSms',
    await call(app, 'POST', '/api/v1/mfa/sms/disable', { token, body: { code: sms.body.backup_codes[0] } }),
  )

  // OAuth with the dev provider: the consent page, the provider's redirect (code in Location), the exchange.
  const { verifier, challenge } = await pkce()
  const start = await call(app, 'POST', '/api/v1/oauth/dev/authorize', {
    body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
  })
  const consentUrl = new URL(start.body.authorization_url)
  const page = await app.request(consentUrl.pathname + consentUrl.search)
  seen.set('devOAuthConsentPage', page)
  const approved = await app.request(consentUrl.pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      state: start.body.state,
      decision: 'approve',
      email: 'dev@example.com',
      first_name: 'Dev',
      last_name: 'User',
    }).toString(),
  })
  const providerCallback = new URL(approved.headers.get('location') ?? '')
  const back = await app.request(providerCallback.pathname + providerCallback.search)
  seen.set('oauthProviderCallback', back)
  const final = new URL(back.headers.get('location') ?? '')
  seen.set(
    'finishOAuth',
    await call(app, 'POST', '/api/v1/oauth/dev/callback', {
      body: {
        code: final.searchParams.get('code')!,
        state: start.body.state,
        code_verifier: verifier,
        redirect_uri: CALLBACK,
      },
    }),
  )

  // Passkey sign-in: refused here (no authenticator), and still no-store like its success.
  seen.set(
    'verifyPasskeyAuthentication',
    await call(app, 'POST', '/api/v1/passkeys/authenticate/verify', {
      body: { credential: { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: 'e30' } } },
    }),
  )

  const statuses = Object.fromEntries([...seen].map(([name, res]) => [name, res.status]))
  expect(statuses).toEqual({
    signUp: 201,
    signIn: 200,
    refreshTokens: 200,
    switchOrganization: 200,
    verifyMagicLink: 200,
    verifyEmailCode: 200,
    enableTotp: 200,
    verifyTotp: 200,
    regenerateBackupCodes: 200,
    'signIn (mfa_token)': 200,
    verifyMfaChallenge: 200,
    disableTotp: 200,
    verifySms: 200,
    disableSms: 200,
    devOAuthConsentPage: 200,
    oauthProviderCallback: 302,
    finishOAuth: 200,
    verifyPasskeyAuthentication: statuses.verifyPasskeyAuthentication,
  })
  expect(statuses.verifyPasskeyAuthentication).toBeGreaterThanOrEqual(400)
  const cacheControl = Object.fromEntries([...seen].map(([name, res]) => [name, res.headers.get('cache-control')]))
  expect(cacheControl).toEqual(Object.fromEntries([...seen.keys()].map((name) => [name, 'no-store'])))

  // The operations the OpenAPI document marks no-store are exactly the ones covered above.
  const document = createOpenApiDocument({ apiBasePath: '/api/v1', includeDevEndpoints: true })
  const declared = Object.values(document.paths).flatMap((item) =>
    Object.values(item as Record<string, { operationId: string; responses: Record<string, { headers?: object }> }>)
      .filter((op) => Object.values(op.responses).some((r) => r.headers && 'Cache-Control' in r.headers))
      .map((op) => op.operationId),
  )
  expect(declared.sort()).toEqual([...seen.keys()].filter((name) => !/[ ]|^oauthProvider/.test(name)).sort())
})

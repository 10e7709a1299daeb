import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { AuthResponseSchema, OAuthAuthorizeResponseSchema, OAuthProvidersResponseSchema } from '@plinto/contract'
import type { PlintoApp } from '../index'
import { CALLBACK, call, PASSWORD, pkce, signIn, testApp } from './helpers'

function clockedApp(config: Parameters<typeof testApp>[0] = {}) {
  let now = Date.UTC(2030, 0, 1)
  const app = testApp({ clock: { now: () => now }, ...config })
  return { app, advance: (ms: number) => (now += ms) }
}

/** Runs the dev provider's browser round trip; returns the final redirect to the app (code & state). */
async function devRoundTrip(
  app: PlintoApp,
  identity = { email: 'dev@example.com', first_name: 'Dev', last_name: 'User' },
  decision = 'approve',
) {
  const { verifier, challenge } = await pkce()
  const start = await call(app, 'POST', '/api/v1/oauth/dev/authorize', {
    body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
  })
  expect(start.status).toBe(200)
  expect(OAuthAuthorizeResponseSchema.safeParse(start.body).success).toBe(true)
  const consentUrl = new URL(start.body.authorization_url)
  const page = await app.request(consentUrl.pathname + consentUrl.search)
  expect(page.headers.get('content-type')).toMatch(/^text\/html/)
  const html = await page.text()
  expect(html).toContain('value="approve"')
  const form = new URLSearchParams({ state: start.body.state, decision, ...identity })
  const approved = await app.request(consentUrl.pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  })
  expect(approved.status).toBe(302)
  const callback = new URL(approved.headers.get('location') ?? '')
  expect(callback.pathname).toBe('/api/v1/oauth/dev/callback')
  const back = await app.request(callback.pathname + callback.search)
  expect(back.status).toBe(302)
  const final = new URL(back.headers.get('location') ?? '')
  return { final, state: start.body.state as string, verifier }
}

const exchange = (app: PlintoApp, body: Record<string, string>, provider = 'dev') =>
  call(app, 'POST', `/api/v1/oauth/${provider}/callback`, { body })

describe('GET /oauth/providers', () => {
  test('dev only outside production; configured real providers are listed', async () => {
    const res = await call(testApp(), 'GET', '/api/v1/oauth/providers')
    expect(OAuthProvidersResponseSchema.safeParse(res.body).success).toBe(true)
    expect(res.body.providers).toEqual([{ id: 'dev', name: 'Development' }])
    const configured = testApp({ config: { oauth: { github: { clientId: 'id', clientSecret: 'secret' } } } })
    expect(
      (await call(configured, 'GET', '/api/v1/oauth/providers')).body.providers.map((p: { id: string }) => p.id),
    ).toEqual(['github', 'dev'])
    const production = testApp({ mode: 'production', config: { passwordHashIterations: 1000 } })
    expect((await call(production, 'GET', '/api/v1/oauth/providers')).body.providers).toEqual([])
    const devInProduction = await call(production, 'POST', '/api/v1/oauth/dev/authorize', { body: {} })
    expect(devInProduction.status).toBe(404)
  })

  test('an unconfigured provider is 404', async () => {
    const { challenge } = await pkce()
    const res = await call(testApp(), 'POST', '/api/v1/oauth/github/authorize', {
      body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
    })
    expect([res.status, res.body.error_code]).toEqual([404, 'NOT_FOUND'])
  })
})

describe('dev provider flow', () => {
  test('consent → callback → app redirect with code and state → POST callback with verifier → AuthResponse', async () => {
    const app = testApp()
    const { final, state, verifier } = await devRoundTrip(app)
    expect(`${final.origin}${final.pathname}`).toBe(CALLBACK)
    expect(final.searchParams.get('state')).toBe(state)
    const code = final.searchParams.get('code') ?? ''
    const res = await exchange(app, { code, state, code_verifier: verifier })
    expect(res.status).toBe(200)
    expect(AuthResponseSchema.safeParse(res.body).success).toBe(true)
    expect(res.body.user).toMatchObject({
      email: 'dev@example.com',
      email_verified: true,
      first_name: 'Dev',
      last_name: 'User',
    })

    // The code is single-use.
    const reused = await exchange(app, { code, state, code_verifier: verifier })
    expect([reused.status, reused.body.error_code]).toEqual([400, 'OAUTH_ERROR'])
    // Signing in again with the same identity reaches the same user.
    const again = await devRoundTrip(app)
    const second = await exchange(app, {
      code: again.final.searchParams.get('code')!,
      state: again.state,
      code_verifier: again.verifier,
    })
    expect(second.body.user.id).toBe(res.body.user.id)
  })

  test("the consent page's CSP lets the form's redirects reach the app (browsers check form-action on redirects)", async () => {
    const app = testApp({
      config: {
        allowedRedirectUrls: [CALLBACK, 'https://app.example.com/auth/callback', 'https://app.example.com/other'],
      },
    })
    const { challenge } = await pkce()
    const start = await call(app, 'POST', '/api/v1/oauth/dev/authorize', {
      body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
    })
    const consentUrl = new URL(start.body.authorization_url)
    const page = await app.request(consentUrl.pathname + consentUrl.search)
    const csp = page.headers.get('content-security-policy') ?? ''
    const formAction = csp
      .split(';')
      .map((directive) => directive.trim())
      .find((directive) => directive.startsWith('form-action '))
    expect(formAction).toBe("form-action 'self' http://localhost:5173 https://app.example.com")
    expect(csp).toContain("default-src 'none'")
  })

  test('the consent page cannot be framed (clickjacking on Approve) and leaks no Referer', async () => {
    const app = testApp()
    const { challenge } = await pkce()
    const start = await call(app, 'POST', '/api/v1/oauth/dev/authorize', {
      body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
    })
    const consentUrl = new URL(start.body.authorization_url)
    const page = await app.request(consentUrl.pathname + consentUrl.search)
    expect(page.status).toBe(200)
    const directives = (page.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim())
    expect(directives).toContain("frame-ancestors 'none'")
    expect(directives).toContain("base-uri 'none'")
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
  })

  test('Deny sends the browser back with error=access_denied and the state', async () => {
    const app = testApp()
    const { final, state } = await devRoundTrip(app, undefined, 'deny')
    expect(final.searchParams.get('error')).toBe('access_denied')
    expect(final.searchParams.get('state')).toBe(state)
    expect(final.searchParams.get('code')).toBeNull()
  })

  test('a wrong verifier, a wrong state or a wrong redirect_uri is OAUTH_ERROR, and spends the code', async () => {
    const app = testApp()
    for (const tamper of ['verifier', 'state', 'redirect'] as const) {
      const { final, state, verifier } = await devRoundTrip(app)
      const code = final.searchParams.get('code')!
      const body = {
        code,
        state: tamper === 'state' ? 'x'.repeat(43) : state,
        code_verifier: tamper === 'verifier' ? 'w'.repeat(43) : verifier,
        ...(tamper === 'redirect' ? { redirect_uri: 'http://localhost:5173/other' } : {}),
      }
      const res = await exchange(app, body)
      expect([tamper, res.status, res.body.error_code]).toEqual([tamper, 400, 'OAUTH_ERROR'])
      expect((await exchange(app, { code, state, code_verifier: verifier })).body.error_code).toBe('OAUTH_ERROR')
    }
  })

  test('a code is bound to its provider and expires after 60 seconds', async () => {
    const { app, advance } = clockedApp({ config: { oauth: { github: { clientId: 'id', clientSecret: 'secret' } } } })
    const first = await devRoundTrip(app)
    const other = await exchange(
      app,
      { code: first.final.searchParams.get('code')!, state: first.state, code_verifier: first.verifier },
      'github',
    )
    expect(other.body.error_code).toBe('OAUTH_ERROR')
    const late = await devRoundTrip(app)
    advance(60_000)
    const res = await exchange(app, {
      code: late.final.searchParams.get('code')!,
      state: late.state,
      code_verifier: late.verifier,
    })
    expect(res.body.error_code).toBe('OAUTH_ERROR')
  })

  test('redirect_uri must be on the allow-list exactly', async () => {
    const app = testApp({ config: { allowedRedirectUrls: ['https://app.example.com/auth/callback'] } })
    const { challenge } = await pkce()
    for (const redirect_uri of [
      'https://evil.example/auth/callback',
      'https://app.example.com/auth/callback/x',
      'https://app.example.com/auth/callback?x=1',
    ]) {
      const res = await call(app, 'POST', '/api/v1/oauth/dev/authorize', {
        body: { redirect_uri, code_challenge: challenge, code_challenge_method: 'S256' },
      })
      expect([redirect_uri, res.status, res.body.errors?.[0]?.field]).toEqual([redirect_uri, 422, 'redirect_uri'])
    }
    const ok = await call(app, 'POST', '/api/v1/oauth/dev/authorize', {
      body: {
        redirect_uri: 'https://app.example.com/auth/callback',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      },
    })
    expect(ok.status).toBe(200)
  })

  test('only S256 is accepted', async () => {
    const { challenge } = await pkce()
    const res = await call(testApp(), 'POST', '/api/v1/oauth/dev/authorize', {
      body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'plain' },
    })
    expect([res.status, res.body.errors?.[0]?.field]).toEqual([422, 'code_challenge_method'])
  })

  test('an unknown or already used state at the provider callback is 400 OAUTH_ERROR (no redirect)', async () => {
    const app = testApp()
    const res = await call(app, 'GET', '/api/v1/oauth/dev/callback?code=abc&state=made-up')
    expect([res.status, res.body.error_code]).toEqual([400, 'OAUTH_ERROR'])
    const { challenge } = await pkce()
    const start = await call(app, 'POST', '/api/v1/oauth/dev/authorize', {
      body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
    })
    const denied = await app.request(`/api/v1/oauth/dev/callback?error=access_denied&state=${start.body.state}`)
    expect(denied.status).toBe(302)
    const replay = await app.request(`/api/v1/oauth/dev/callback?error=access_denied&state=${start.body.state}`)
    expect(replay.status).toBe(400)
  })

  test('linking: a verified provider email signs in the existing account; an unverified local account loses its password', async () => {
    const app = testApp()
    const verified = await app.plinto.createUser({ email: 'dev@example.com', password: PASSWORD, email_verified: true })
    const one = await devRoundTrip(app)
    const res = await exchange(app, {
      code: one.final.searchParams.get('code')!,
      state: one.state,
      code_verifier: one.verifier,
    })
    expect(res.body.user.id).toBe(verified.id)
    expect((await signIn(app, 'dev@example.com')).status).toBe(200)

    const squatted = await app.plinto.createUser({
      email: 'victim@example.com',
      password: PASSWORD,
      email_verified: false,
    })
    const squatter = (await signIn(app, 'victim@example.com')).body.tokens.access_token
    const two = await devRoundTrip(app, { email: 'victim@example.com', first_name: 'V', last_name: 'X' })
    const linked = await exchange(app, {
      code: two.final.searchParams.get('code')!,
      state: two.state,
      code_verifier: two.verifier,
    })
    expect(linked.body.user).toMatchObject({ id: squatted.id, email_verified: true })
    expect((await signIn(app, 'victim@example.com')).body.error_code).toBe('INVALID_CREDENTIALS')
    expect((await call(app, 'GET', '/api/v1/auth/me', { token: squatter })).body.error_code).toBe('SESSION_REVOKED')
  })

  test('an account with MFA answers mfa_required after OAuth', async () => {
    const app = testApp()
    const user = await app.plinto.createUser({ email: 'dev@example.com', email_verified: true })
    await app.plinto.store.users.update(user.id, { mfa_enabled: true })
    const { final, state, verifier } = await devRoundTrip(app)
    const res = await exchange(app, { code: final.searchParams.get('code')!, state, code_verifier: verifier })
    expect(res.body).toMatchObject({ mfa_required: true, mfa_token: expect.any(String) })
  })
})

describe('real providers (URLs built by arctic; exchange against a fake provider on 127.0.0.1)', () => {
  let fake: Server | undefined
  afterEach(async () => {
    await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()))
    fake = undefined
  })

  async function startFake(handler: (req: IncomingMessage, body: string) => { status: number; body: unknown }) {
    fake = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        const reply = handler(req, body)
        res.writeHead(reply.status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(reply.body))
      })
    })
    await new Promise<void>((resolve) => fake!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(fake.address() as AddressInfo).port}`
  }

  test('GitHub: authorization URL with client_id, callback, state, S256 PKCE and scopes', async () => {
    const app = testApp({ config: { oauth: { github: { clientId: 'gh-client', clientSecret: 'gh-secret' } } } })
    const { challenge } = await pkce()
    const res = await app.request('http://api.example.com/api/v1/oauth/github/authorize', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' }),
    })
    const body = await res.json()
    const url = new URL(body.authorization_url)
    expect(`${url.origin}${url.pathname}`).toBe('https://github.com/login/oauth/authorize')
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'gh-client',
      redirect_uri: 'http://api.example.com/api/v1/oauth/github/callback',
      state: body.state,
      code_challenge_method: 'S256',
      scope: 'read:user user:email',
    })
    // The provider-side PKCE is the server's own, not the app's.
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.get('code_challenge')).not.toBe(challenge)
  })

  test('Google and Microsoft authorization URLs', async () => {
    const app = testApp({
      config: {
        oauth: {
          google: { clientId: 'g', clientSecret: 's' },
          microsoft: { clientId: 'm', clientSecret: 's', tenant: 'contoso' },
        },
      },
    })
    const { challenge } = await pkce()
    const body = { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' }
    const google = new URL((await call(app, 'POST', '/api/v1/oauth/google/authorize', { body })).body.authorization_url)
    expect(`${google.origin}${google.pathname}`).toBe('https://accounts.google.com/o/oauth2/v2/auth')
    expect(google.searchParams.get('scope')).toBe('openid email profile')
    const microsoft = new URL(
      (await call(app, 'POST', '/api/v1/oauth/microsoft/authorize', { body })).body.authorization_url,
    )
    expect(`${microsoft.origin}${microsoft.pathname}`).toBe(
      'https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize',
    )
    expect(microsoft.searchParams.get('client_id')).toBe('m')
  })

  test('GitHub: the server exchanges the code with its PKCE verifier and reads the verified primary email', async () => {
    const seen: Record<string, string> = {}
    const base = await startFake((req, body) => {
      if (req.url === '/token') {
        Object.assign(seen, Object.fromEntries(new URLSearchParams(body)), {
          authorization: req.headers.authorization ?? '',
        })
        return { status: 200, body: { access_token: 'gh-access', token_type: 'bearer', scope: 'read:user,user:email' } }
      }
      if (req.headers.authorization !== 'Bearer gh-access') return { status: 401, body: {} }
      if (req.url === '/user') return { status: 200, body: { id: 583231, name: 'Octo Cat' } }
      if (req.url === '/emails') {
        return {
          status: 200,
          body: [
            { email: 'old@example.com', primary: false, verified: true },
            { email: 'octo@example.com', primary: true, verified: true },
          ],
        }
      }
      return { status: 404, body: {} }
    })
    const app = testApp({
      config: {
        oauth: {
          github: {
            clientId: 'gh-client',
            clientSecret: 'gh-secret',
            endpoints: { token: `${base}/token`, userinfo: `${base}/user`, emails: `${base}/emails` },
          },
        },
      },
    })
    const { verifier, challenge } = await pkce()
    const start = await call(app, 'POST', '/api/v1/oauth/github/authorize', {
      body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
    })
    const providerChallenge = new URL(start.body.authorization_url).searchParams.get('code_challenge')
    const back = await app.request(`/api/v1/oauth/github/callback?code=provider-code&state=${start.body.state}`)
    expect(back.status).toBe(302)
    expect(seen).toMatchObject({
      grant_type: 'authorization_code',
      code: 'provider-code',
      redirect_uri: 'http://localhost/api/v1/oauth/github/callback',
    })
    expect(seen.authorization).toBe(`Basic ${btoa('gh-client:gh-secret')}`)
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(seen.code_verifier)))
    expect(
      btoa(String.fromCharCode(...digest))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, ''),
    ).toBe(providerChallenge)

    const final = new URL(back.headers.get('location')!)
    const res = await exchange(
      app,
      { code: final.searchParams.get('code')!, state: start.body.state, code_verifier: verifier },
      'github',
    )
    expect(res.body.user).toMatchObject({
      email: 'octo@example.com',
      email_verified: true,
      first_name: 'Octo',
      last_name: 'Cat',
    })
  })

  test('a failing provider exchange redirects with error=server_error', async () => {
    const base = await startFake(() => ({ status: 500, body: {} }))
    const app = testApp({
      config: { oauth: { github: { clientId: 'c', clientSecret: 's', endpoints: { token: `${base}/token` } } } },
    })
    const { challenge } = await pkce()
    const start = await call(app, 'POST', '/api/v1/oauth/github/authorize', {
      body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
    })
    const back = await app.request(`/api/v1/oauth/github/callback?code=x&state=${start.body.state}`)
    const final = new URL(back.headers.get('location')!)
    expect([final.searchParams.get('error'), final.searchParams.get('state')]).toEqual([
      'server_error',
      start.body.state,
    ])
  })

  test('Microsoft emails are never trusted: no link to an existing account', async () => {
    const base = await startFake((req) =>
      req.url === '/token'
        ? { status: 200, body: { access_token: 'ms', token_type: 'Bearer' } }
        : { status: 200, body: { sub: 'ms-sub', email: 'ada@example.com', email_verified: true } },
    )
    const app = testApp({
      config: {
        oauth: {
          microsoft: {
            clientId: 'c',
            clientSecret: 's',
            endpoints: { token: `${base}/token`, userinfo: `${base}/me` },
          },
        },
      },
    })
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    const { challenge } = await pkce()
    const start = await call(app, 'POST', '/api/v1/oauth/microsoft/authorize', {
      body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
    })
    const back = await app.request(`/api/v1/oauth/microsoft/callback?code=x&state=${start.body.state}`)
    expect(new URL(back.headers.get('location')!).searchParams.get('error')).toBe('account_exists')
  })
})

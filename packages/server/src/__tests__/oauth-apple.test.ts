// Sign in with Apple against a fake Apple: a real HTTP server answering the token and JWKS endpoints, with keys
// generated here (the app's Sign in with Apple key, and "Apple's" ID-token signing key).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importSPKI,
  jwtVerify,
  SignJWT,
  type JWTPayload,
} from 'jose'
import { afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { PlintoApp } from '../index'
import { CALLBACK, call, PASSWORD, pkce, testApp } from './helpers'

const APPLE = 'https://appleid.apple.com'
const CLIENT_ID = 'com.example.web'
const TEAM_ID = 'TEAM123456'
const KEY_ID = 'KEY7654321'

let clientKeyPem: string
let clientPublicPem: string
let appleKey: CryptoKey
let appleJwk: Record<string, unknown>
let strangerKey: CryptoKey

beforeAll(async () => {
  const client = await generateKeyPair('ES256', { extractable: true })
  clientKeyPem = await exportPKCS8(client.privateKey)
  clientPublicPem = await exportSPKI(client.publicKey)
  const apple = await generateKeyPair('RS256', { extractable: true })
  appleKey = apple.privateKey
  appleJwk = { ...(await exportJWK(apple.publicKey)), kid: 'apple-1', alg: 'RS256', use: 'sig' }
  strangerKey = (await generateKeyPair('RS256')).privateKey
})

let fake: Server | undefined
afterEach(async () => {
  await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()))
  fake = undefined
})

interface TokenRequest {
  form: URLSearchParams
  secretClaims: JWTPayload | null
  secretHeader: Record<string, unknown> | null
}

/**
 * Starts the fake Apple. `idToken(request)` builds the claims (or a whole token) of the ID token the token
 * endpoint answers with; every token request is recorded with its verified client secret.
 */
async function startFakeApple(idToken: (nonce: string) => Promise<string>) {
  const requests: TokenRequest[] = []
  fake = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', async () => {
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(json))
      }
      if (req.url === '/auth/keys') return send(200, { keys: [appleJwk] })
      if (req.url !== '/auth/token' || req.method !== 'POST') return send(404, {})
      const form = new URLSearchParams(body)
      const recorded: TokenRequest = { form, secretClaims: null, secretHeader: null }
      requests.push(recorded)
      try {
        const verified = await jwtVerify(form.get('client_secret') ?? '', await importSPKI(clientPublicPem, 'ES256'), {
          issuer: TEAM_ID,
          subject: CLIENT_ID,
          audience: APPLE,
        })
        recorded.secretClaims = verified.payload
        recorded.secretHeader = verified.protectedHeader as Record<string, unknown>
      } catch {
        return send(400, { error: 'invalid_client' })
      }
      if (form.get('code') !== 'apple-code') return send(400, { error: 'invalid_grant' })
      send(200, {
        access_token: 'apple-access',
        token_type: 'Bearer',
        expires_in: 3600,
        id_token: await idToken(currentNonce),
      })
    })
  })
  await new Promise<void>((resolve) => fake!.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`
  return { base, requests }
}

// The nonce of the authorization in progress, as the browser would carry it to Apple.
let currentNonce = ''

const signIdToken = (claims: JWTPayload, key: CryptoKey = appleKey, kid = 'apple-1') => {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ iat: now, exp: now + 600, ...claims }).setProtectedHeader({ alg: 'RS256', kid }).sign(key)
}

const goodClaims = (nonce: string, extra: JWTPayload = {}): JWTPayload => ({
  iss: APPLE,
  aud: CLIENT_ID,
  sub: '001234.abcdef.1234',
  email: 'ada@privaterelay.appleid.com',
  email_verified: 'true',
  nonce,
  ...extra,
})

function appleApp(base: string, extra: Parameters<typeof testApp>[0] = {}) {
  return testApp({
    ...extra,
    config: {
      oauth: {
        apple: {
          clientId: CLIENT_ID,
          teamId: TEAM_ID,
          keyId: KEY_ID,
          privateKey: clientKeyPem,
          endpoints: {
            authorization: `${base}/auth/authorize`,
            token: `${base}/auth/token`,
            jwks: `${base}/auth/keys`,
          },
        },
      },
    },
  })
}

/** Starts the flow and plays Apple's form post back to the server; returns the redirect to the app. */
async function appleRoundTrip(app: PlintoApp, form: Record<string, string> = {}) {
  const { verifier, challenge } = await pkce()
  const start = await call(app, 'POST', '/api/v1/oauth/apple/authorize', {
    body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
  })
  expect(start.status).toBe(200)
  const authorization = new URL(start.body.authorization_url)
  currentNonce = authorization.searchParams.get('nonce') ?? ''
  // A cross-site POST from appleid.apple.com: no cookies, only the form.
  const back = await app.request('/api/v1/oauth/apple/callback', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APPLE },
    body: new URLSearchParams({ code: 'apple-code', state: start.body.state, ...form }).toString(),
  })
  return { back, state: start.body.state as string, verifier, authorization }
}

describe('Sign in with Apple', () => {
  test('authorization URL: form_post, name and email scopes, the Services ID, the callback and a nonce', async () => {
    const app = testApp({
      config: { oauth: { apple: { clientId: CLIENT_ID, teamId: TEAM_ID, keyId: KEY_ID, privateKey: clientKeyPem } } },
    })
    const providers = await call(app, 'GET', '/api/v1/oauth/providers')
    expect(providers.body.providers).toContainEqual({ id: 'apple', name: 'Apple' })
    const { challenge } = await pkce()
    const start = await call(app, 'POST', '/api/v1/oauth/apple/authorize', {
      body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
    })
    const url = new URL(start.body.authorization_url)
    expect(`${url.origin}${url.pathname}`).toBe(`${APPLE}/auth/authorize`)
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      response_mode: 'form_post',
      client_id: CLIENT_ID,
      redirect_uri: 'http://localhost/api/v1/oauth/apple/callback',
      scope: 'name email',
      state: start.body.state,
    })
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{22}$/)
  })

  test('form-post callback without cookies → code exchange with a signed client secret → verified ID token → signed in', async () => {
    const { base, requests } = await startFakeApple(async (nonce) => signIdToken(goodClaims(nonce)))
    const app = appleApp(base)
    const { back, state, verifier } = await appleRoundTrip(app, {
      user: JSON.stringify({ name: { firstName: 'Ada', lastName: 'Lovelace' }, email: 'ignored@example.com' }),
    })
    // 303: the browser follows the form post with a GET of the app's page.
    expect(back.status).toBe(303)
    const final = new URL(back.headers.get('location') ?? '')
    expect(`${final.origin}${final.pathname}`).toBe(CALLBACK)
    expect(final.searchParams.get('state')).toBe(state)

    expect(requests).toHaveLength(1)
    const [request] = requests
    expect(Object.fromEntries(request!.form)).toMatchObject({
      grant_type: 'authorization_code',
      code: 'apple-code',
      client_id: CLIENT_ID,
      redirect_uri: 'http://localhost/api/v1/oauth/apple/callback',
    })
    expect(request!.secretHeader).toMatchObject({ alg: 'ES256', kid: KEY_ID })
    const claims = request!.secretClaims!
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBeLessThanOrEqual(300)

    const res = await call(app, 'POST', '/api/v1/oauth/apple/callback', {
      body: { code: final.searchParams.get('code'), state, code_verifier: verifier },
    })
    expect(res.status).toBe(200)
    // The email comes from the verified ID token, the name from the first authorization's `user` field.
    expect(res.body.user).toMatchObject({
      email: 'ada@privaterelay.appleid.com',
      email_verified: true,
      first_name: 'Ada',
      last_name: 'Lovelace',
    })
    const methods = await call(app, 'GET', '/api/v1/users/me/identities', { token: res.body.tokens.access_token })
    expect(methods.body.identities).toMatchObject([
      { provider: 'apple', provider_name: 'Apple', email: 'ada@privaterelay.appleid.com', name: 'Ada Lovelace' },
    ])

    // The next sign-in (Apple sends no `user` any more) reaches the same account.
    const again = await appleRoundTrip(app)
    const second = await call(app, 'POST', '/api/v1/oauth/apple/callback', {
      body: {
        code: new URL(again.back.headers.get('location') ?? '').searchParams.get('code'),
        state: again.state,
        code_verifier: again.verifier,
      },
    })
    expect(second.body.user.id).toBe(res.body.user.id)
  })

  const refusedTokens: [string, (nonce: string) => Promise<string>][] = [
    ['another audience', (nonce) => signIdToken(goodClaims(nonce, { aud: 'com.other.app' }))],
    ['another issuer', (nonce) => signIdToken(goodClaims(nonce, { iss: 'https://evil.example.com' }))],
    ['another authorization (nonce)', () => signIdToken(goodClaims('a-nonce-of-another-flow'))],
    ['a key Apple does not publish', (nonce) => signIdToken(goodClaims(nonce), strangerKey, 'apple-1')],
    ['an expired token', (nonce) => signIdToken(goodClaims(nonce, { exp: Math.floor(Date.now() / 1000) - 600 }))],
    ['no subject', (nonce) => signIdToken(goodClaims(nonce, { sub: undefined }))],
  ]
  test.each(refusedTokens)(
    'an ID token for %s is refused: error=server_error, nobody signed in',
    async (_, idToken) => {
      const { base } = await startFakeApple(idToken)
      const app = appleApp(base)
      const { back, state } = await appleRoundTrip(app)
      const final = new URL(back.headers.get('location') ?? '')
      expect([
        final.searchParams.get('error'),
        final.searchParams.get('state'),
        final.searchParams.get('code'),
      ]).toEqual(['server_error', state, null])
      expect(await app.plinto.store.users.getByEmail('ada@privaterelay.appleid.com')).toBeUndefined()
    },
  )

  test('an unverified Apple email never takes over an existing account', async () => {
    const { base } = await startFakeApple(async (nonce) =>
      signIdToken(goodClaims(nonce, { email: 'ada@example.com', email_verified: false })),
    )
    const app = appleApp(base)
    await app.plinto.createUser({ email: 'ada@example.com', password: PASSWORD, email_verified: true })
    const { back } = await appleRoundTrip(app)
    expect(new URL(back.headers.get('location') ?? '').searchParams.get('error')).toBe('account_exists')
  })

  test('a form post with an unknown or replayed state is 400 OAUTH_ERROR; Apple refusing redirects with its error', async () => {
    const { base } = await startFakeApple(async (nonce) => signIdToken(goodClaims(nonce)))
    const app = appleApp(base)
    const post = (form: Record<string, string>) =>
      app.request('/api/v1/oauth/apple/callback', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      })
    const unknown = await post({ code: 'apple-code', state: 'forged' })
    expect([unknown.status, (await unknown.json()).error_code]).toEqual([400, 'OAUTH_ERROR'])

    const { state } = await appleRoundTrip(app)
    const replayed = await post({ code: 'apple-code', state })
    expect([replayed.status, (await replayed.json()).error_code]).toEqual([400, 'OAUTH_ERROR'])

    const { challenge } = await pkce()
    const start = await call(app, 'POST', '/api/v1/oauth/apple/authorize', {
      body: { redirect_uri: CALLBACK, code_challenge: challenge, code_challenge_method: 'S256' },
    })
    const denied = await post({ error: 'user_cancelled_authorize', state: start.body.state })
    expect(denied.status).toBe(303)
    expect(new URL(denied.headers.get('location') ?? '').searchParams.get('error')).toBe('user_cancelled_authorize')
  })

  test('only form-post providers take a form at the callback; others answer as the JSON exchange', async () => {
    const app = testApp()
    const res = await app.request('/api/v1/oauth/dev/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'code=x&state=y',
    })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.headers.get('location')).toBeNull()
  })

  test('configuration: Apple needs the Services ID, team ID, key ID and private key', () => {
    expect(() =>
      testApp({ config: { oauth: { apple: { clientId: CLIENT_ID, teamId: TEAM_ID, keyId: '', privateKey: 'x' } } } }),
    ).toThrow('oauth.apple needs clientId, teamId, keyId, privateKey')
  })
})

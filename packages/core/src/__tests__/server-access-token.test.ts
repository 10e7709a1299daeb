import { silentLogger } from '@plinto/server'
import { startServer, type RunningServer } from '@plinto/server/node'
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { OrganizationRole } from '@plinto/contract'
import {
  createHas,
  verifyAccessToken,
  type AccessTokenClaims,
  type PlintoError,
  type VerifyAccessTokenOptions,
} from '../server'
import { failure } from './integration-setup'

// The real reference server over HTTP on 127.0.0.1: genuine tokens, its real JWKS, real fetches.
const PASSWORD = 'correct horse battery staple'
const ISSUER = 'plinto' // the reference server's defaults
const AUDIENCE = 'plinto'
const TOKEN_TTL = 3600

let server: RunningServer
/** A server whose clock runs TOKEN_TTL + 5 s behind: every token it issues expired 5 s ago. */
let pastServer: RunningServer
let signups = 0

beforeAll(async () => {
  server = await startServer({ port: 0, mode: 'test', logger: silentLogger })
  pastServer = await startServer({
    port: 0,
    mode: 'test',
    logger: silentLogger,
    clock: { now: () => Date.now() - (TOKEN_TTL + 5) * 1000 },
  })
})
afterAll(async () => {
  await Promise.all([server.close(), pastServer.close()])
})
afterEach(() => {
  vi.useRealTimers()
})

interface SignedUp {
  user: { id: string; email: string }
  tokens: { access_token: string; refresh_token: string; expires_in: number }
}

/** Signs a new user up through the HTTP API, as an app's front end would. */
async function signUp(target: RunningServer = server): Promise<SignedUp> {
  const response = await fetch(`${target.url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `user${++signups}@example.com`, password: PASSWORD }),
  })
  expect(response.status).toBe(201)
  return (await response.json()) as SignedUp
}

const options = (overrides: Partial<VerifyAccessTokenOptions> = {}): VerifyAccessTokenOptions =>
  ({ apiUrl: server.url, issuer: ISSUER, audience: AUDIENCE, ...overrides }) as VerifyAccessTokenOptions

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const decodePart = (token: string, index: 0 | 1) =>
  JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString()) as Record<string, unknown>

/** Claims like the server's, for tokens signed by the test itself. */
function claimsLike(genuine: string): Record<string, unknown> {
  return decodePart(genuine, 1)
}

/** Signs `claims` with the server's own signing key: a token only the header or claims can make invalid. */
async function signWithServerKey(claims: Record<string, unknown>, header: { typ?: string; kid?: string } = {}) {
  const ring = await server.app.plinto.keys()
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: ring.signingKid, typ: 'at+jwt', ...header })
    .sign(ring.signingKey)
}

/** A fetch that records the URLs it is asked for, then asks the network. */
function countingFetch() {
  const urls: string[] = []
  const fetchImpl: typeof fetch = (input, init) => {
    urls.push(String(input))
    return fetch(input, init)
  }
  return { urls, fetch: fetchImpl }
}

describe('server: verifyAccessToken accepts genuine tokens', () => {
  it('returns the claims of a token issued by the reference server', async () => {
    const { user, tokens } = await signUp()
    const claims = await verifyAccessToken(tokens.access_token, options())
    expect(claims).toEqual({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: user.id,
      sid: expect.stringMatching(/^sess_/),
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.any(String),
      auth_time: expect.any(Number),
    })
    expect(claims.exp - claims.iat).toBe(TOKEN_TTL)
    // A fresh sign-up: the session proved who it is when the token was issued.
    expect(claims.auth_time).toBe(claims.iat)
  })

  it('reads the keys from jwksUrl, from apiUrl, and from apiUrl with a trailing slash alike', async () => {
    const { tokens } = await signUp()
    const common = { issuer: ISSUER, audience: AUDIENCE }
    const viaApiUrl = await verifyAccessToken(tokens.access_token, { ...common, apiUrl: server.url })
    const viaSlash = await verifyAccessToken(tokens.access_token, { ...common, apiUrl: new URL(`${server.url}/`) })
    const viaJwksUrl = await verifyAccessToken(tokens.access_token, {
      ...common,
      jwksUrl: `${server.url}/.well-known/jwks.json`,
    })
    expect(viaSlash).toEqual(viaApiUrl)
    expect(viaJwksUrl).toEqual(viaApiUrl)
  })

  it('accepts a list of issuers or audiences when the token matches one of them', async () => {
    const { tokens } = await signUp()
    await expect(
      verifyAccessToken(tokens.access_token, options({ issuer: ['other', ISSUER], audience: ['billing', AUDIENCE] })),
    ).resolves.toMatchObject({
      iss: ISSUER,
    })
  })

  it('keeps extra claims, and is stateless: a signed-out session’s token verifies until it expires', async () => {
    const { tokens } = await signUp()
    const signOut = await fetch(`${server.url}/api/v1/auth/signout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
    expect(signOut.status).toBe(204)
    await expect(verifyAccessToken(tokens.access_token, options())).resolves.toMatchObject({ aud: AUDIENCE })
    const extra = await signWithServerKey({ ...claimsLike(tokens.access_token), tenant: 't_1', scope: ['a', 'b'] })
    await expect(verifyAccessToken(extra, options())).resolves.toMatchObject({ tenant: 't_1', scope: ['a', 'b'] })
    const withOrganization = await signWithServerKey({
      ...claimsLike(tokens.access_token),
      org_id: 'org_1',
      org_role: 'admin',
    })
    await expect(verifyAccessToken(withOrganization, options())).resolves.toMatchObject({
      org_id: 'org_1',
      org_role: 'admin',
    })
  })
})

describe('server: verifyAccessToken and organization claims', () => {
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })

  it('returns org_id and org_role typed after a switch through the server, and has() honours owner > admin > member', async () => {
    const { tokens } = await signUp()
    const created = await post('/organizations', { name: 'Acme', slug: `acme-${signups}` }, tokens.access_token)
    const org = (await created.json()) as { id: string }
    const switched = await post('/auth/organization/switch', {
      organization_id: org.id,
      refresh_token: tokens.refresh_token,
    })
    expect(switched.status).toBe(200)
    const claims: AccessTokenClaims = await verifyAccessToken(
      ((await switched.json()) as SignedUp['tokens']).access_token,
      options(),
    )
    expect(claims).toMatchObject({ org_id: org.id, org_role: 'owner', auth_time: expect.any(Number) })
    // Typed: `org_role` is an OrganizationRole, so this compiles only while the claim type says so.
    const role: OrganizationRole | undefined = claims.org_role
    const has = createHas(role)
    expect([has({ role: 'member' }), has({ role: 'admin' }), has({ role: 'owner' })]).toEqual([true, true, true])
    // Without an active organization nothing passes.
    const plain = await verifyAccessToken(tokens.access_token, options())
    expect(plain.org_id).toBeUndefined()
    expect(createHas(plain.org_role)({ role: 'member' })).toBe(false)
  })

  it('refuses organization claims of the wrong shape, even under a genuine signature', async () => {
    const { tokens } = await signUp()
    const base = claimsLike(tokens.access_token)
    const cases: [Record<string, unknown>, string][] = [
      [{ org_id: 'org_1' }, 'come together'],
      [{ org_role: 'admin' }, 'come together'],
      [{ org_id: 'org_1', org_role: 'superuser' }, 'org_role'],
      [{ org_id: '', org_role: 'admin' }, 'org_id'],
      [{ org_id: 7, org_role: 'admin' }, 'org_id'],
      [{ auth_time: 'yesterday' }, 'auth_time'],
    ]
    for (const [claims, named] of cases) {
      const error = await failure(verifyAccessToken(await signWithServerKey({ ...base, ...claims }), options()))
      expect(error.code, JSON.stringify(claims)).toBe('UNAUTHORIZED')
      expect(error.message).toContain(named)
    }
  })
})

describe('server: verifyAccessToken refuses bad tokens', () => {
  it('expired → TOKEN_EXPIRED; clockTolerance covers a small skew', async () => {
    const { tokens } = await signUp(pastServer)
    const pastOptions = options({ apiUrl: pastServer.url })
    const error = await failure(verifyAccessToken(tokens.access_token, pastOptions))
    expect(error).toMatchObject({ code: 'TOKEN_EXPIRED', retryable: false })
    await expect(verifyAccessToken(tokens.access_token, { ...pastOptions, clockTolerance: 60 })).resolves.toMatchObject(
      { iss: ISSUER },
    )
    expect((await failure(verifyAccessToken(tokens.access_token, { ...pastOptions, clockTolerance: 1 }))).code).toBe(
      'TOKEN_EXPIRED',
    )
  })

  it('expired and meant for someone else → UNAUTHORIZED, not TOKEN_EXPIRED (refreshing would not help)', async () => {
    const { tokens } = await signUp(pastServer)
    const error = await failure(
      verifyAccessToken(tokens.access_token, options({ apiUrl: pastServer.url, audience: 'billing' })),
    )
    expect(error.code).toBe('UNAUTHORIZED')
    expect(error.message).toMatch(/audience/)
  })

  it('a tampered signature or payload → UNAUTHORIZED (signature verification failed)', async () => {
    const { tokens } = await signUp()
    const [header, payload, signature] = tokens.access_token.split('.') as [string, string, string]
    // Flip a character in the middle: the last one of a base64url signature may only change padding bits.
    const middle = signature.length >> 1
    const flipped = `${signature.slice(0, middle)}${signature[middle] === 'A' ? 'B' : 'A'}${signature.slice(middle + 1)}`
    const otherUser = b64url({ ...claimsLike(tokens.access_token), sub: 'usr_someone_else' })
    for (const forged of [`${header}.${payload}.${flipped}`, `${header}.${otherUser}.${signature}`]) {
      const error = await failure(verifyAccessToken(forged, options()))
      expect(error).toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'Invalid access token: signature verification failed',
      })
    }
  })

  it('alg "none" → UNAUTHORIZED (algorithm not allowed)', async () => {
    const { tokens } = await signUp()
    const { kid } = decodePart(tokens.access_token, 0)
    for (const forged of [
      `${b64url({ alg: 'none', typ: 'at+jwt', kid })}.${tokens.access_token.split('.')[1]}.`,
      `${b64url({ alg: 'none', typ: 'at+jwt' })}.${tokens.access_token.split('.')[1]}.`,
    ]) {
      const error = await failure(verifyAccessToken(forged, options()))
      expect(error.code).toBe('UNAUTHORIZED')
      expect(error.message).toMatch(/algorithm not allowed/)
    }
  })

  it('HS256 signed with the server’s public key as the HMAC secret → UNAUTHORIZED (algorithm confusion)', async () => {
    const { tokens } = await signUp()
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] }
    const publicJwk = jwks.keys[0]!
    const claims = { ...claimsLike(tokens.access_token), sub: 'usr_admin' }
    for (const secret of [JSON.stringify(publicJwk), publicJwk.x!]) {
      const forged = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid!, typ: 'at+jwt' })
        .sign(new TextEncoder().encode(secret))
      const error = await failure(verifyAccessToken(forged, options()))
      expect(error).toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'Invalid access token: algorithm not allowed (only ES256 is accepted)',
      })
    }
  })

  it('a typ other than at+jwt, or none at all, → UNAUTHORIZED even with a valid signature', async () => {
    const { tokens } = await signUp()
    const claims = claimsLike(tokens.access_token)
    const ring = await server.app.plinto.keys()
    const untyped = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: ring.signingKid })
      .sign(ring.signingKey)
    for (const forged of [
      await signWithServerKey(claims, { typ: 'JWT' }),
      await signWithServerKey(claims, { typ: 'id+jwt' }),
      untyped,
    ]) {
      const error = await failure(verifyAccessToken(forged, options()))
      expect(error).toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'Invalid access token: wrong token type (header typ is not "at+jwt")',
      })
    }
  })

  it('wrong audience or wrong issuer → UNAUTHORIZED naming the check', async () => {
    const { tokens } = await signUp()
    const audience = await failure(verifyAccessToken(tokens.access_token, options({ audience: 'billing-service' })))
    expect(audience).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Invalid access token: audience mismatch (aud claim check failed)',
    })
    const issuer = await failure(verifyAccessToken(tokens.access_token, options({ issuer: 'https://evil.example' })))
    expect(issuer).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Invalid access token: issuer mismatch (iss claim check failed)',
    })
    // The same mismatch from the token's side: signed by the real key, issued for another app.
    const forOtherApp = await signWithServerKey({ ...claimsLike(tokens.access_token), aud: 'other-app' })
    expect((await failure(verifyAccessToken(forOtherApp, options()))).message).toMatch(/audience mismatch/)
  })

  it('a key the JWKS does not hold → UNAUTHORIZED, whether its kid is unknown or borrowed', async () => {
    const { tokens } = await signUp()
    const claims = claimsLike(tokens.access_token)
    const { privateKey } = await generateKeyPair('ES256')
    const unknownKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'key_attacker', typ: 'at+jwt' })
      .sign(privateKey)
    expect(await failure(verifyAccessToken(unknownKid, options()))).toMatchObject({
      code: 'UNAUTHORIZED',
      message: "Invalid access token: no key in the issuer's JWKS matches the token's kid",
    })
    const borrowedKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: String(decodePart(tokens.access_token, 0).kid), typ: 'at+jwt' })
      .sign(privateKey)
    expect((await failure(verifyAccessToken(borrowedKid, options()))).message).toBe(
      'Invalid access token: signature verification failed',
    )
  })

  it('a missing or mistyped contract claim → UNAUTHORIZED naming the claim', async () => {
    const { tokens } = await signUp()
    const claims = claimsLike(tokens.access_token)
    for (const claim of ['sid', 'jti', 'sub', 'iat', 'exp']) {
      const { [claim]: _dropped, ...rest } = claims
      const error = await failure(verifyAccessToken(await signWithServerKey(rest), options()))
      expect(error).toMatchObject({
        code: 'UNAUTHORIZED',
        message: `Invalid access token: required claim "${claim}" is missing`,
      })
    }
    const numericSid = await signWithServerKey({ ...claims, sid: 42 })
    expect((await failure(verifyAccessToken(numericSid, options()))).message).toBe(
      'Invalid access token: claim "sid" must be a non-empty string',
    )
  })

  it('garbage, an empty token, or one still wearing "Bearer " → UNAUTHORIZED without a fetch', async () => {
    const { tokens } = await signUp()
    const counter = countingFetch()
    const cases: [unknown, RegExp][] = [
      ['', /no token was given/],
      [undefined, /no token was given/],
      ['not-a-jwt', /malformed token/],
      ['a.b.c', /malformed token/],
      [`Bearer ${tokens.access_token}`, /without its "Bearer " prefix/],
    ]
    for (const [token, message] of cases) {
      const error = await failure(verifyAccessToken(token as string, options({ fetch: counter.fetch })))
      expect(error.code).toBe('UNAUTHORIZED')
      expect(error.message).toMatch(message)
    }
    expect(counter.urls).toEqual([])
  })

  it('never puts the token, or any part of it, into the error', async () => {
    const { tokens } = await signUp()
    const [header, payload, signature] = tokens.access_token.split('.') as [string, string, string]
    const forged = [
      `${header}.${payload}.${signature.slice(0, -4)}AAAA`,
      `${header}.${payload}x.${signature}`,
      `Bearer ${tokens.access_token}`,
      await signWithServerKey(claimsLike(tokens.access_token), { typ: 'JWT' }),
    ]
    for (const token of forged) {
      const error = await failure(verifyAccessToken(token, options({ audience: 'x' })))
      const text = JSON.stringify({ message: error.message, cause: String(error.cause), stack: error.stack })
      for (const part of token.replace(/^Bearer /, '').split('.')) expect(text).not.toContain(part)
    }
  })
})

describe('server: verifyAccessToken fetches and caches the JWKS', () => {
  it('fetches the JWKS once for many verifications, sequential and concurrent, of several users', async () => {
    const counter = countingFetch()
    const users = await Promise.all([signUp(), signUp(), signUp()])
    const verify = (token: string) => verifyAccessToken(token, options({ fetch: counter.fetch }))
    // Concurrent first calls share jose's single in-flight fetch.
    await Promise.all(users.flatMap(({ tokens }) => Array.from({ length: 10 }, () => verify(tokens.access_token))))
    for (let i = 0; i < 20; i++) await verify(users[i % 3]!.tokens.access_token)
    expect(counter.urls).toEqual([`${server.url}/.well-known/jwks.json`])
  })

  it('an unreachable JWKS → NETWORK_ERROR, retryable; once it is back, verification succeeds', async () => {
    const { tokens } = await signUp()
    const gone = await startServer({ port: 0, mode: 'test', logger: silentLogger })
    await gone.close()
    const error = await failure(verifyAccessToken(tokens.access_token, options({ apiUrl: gone.url })))
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, status: 0 })
    expect(error.message).toBe(`Could not fetch the JWKS at ${gone.url}/.well-known/jwks.json`)

    // A failed fetch is not cached: the first call after the outage fetches again.
    let down = true
    const flaky: typeof fetch = (input, init) =>
      down ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init)
    expect(await failure(verifyAccessToken(tokens.access_token, options({ fetch: flaky })))).toMatchObject({
      code: 'NETWORK_ERROR',
      retryable: true,
    })
    down = false
    await expect(verifyAccessToken(tokens.access_token, options({ fetch: flaky }))).resolves.toMatchObject({
      iss: ISSUER,
    })
  })

  it('a JWKS endpoint that errors, times out or serves garbage → NETWORK_ERROR / TIMEOUT / INVALID_RESPONSE', async () => {
    const { tokens } = await signUp()
    const answering =
      (response: () => Response): typeof fetch =>
      () =>
        Promise.resolve(response())
    const cases: [typeof fetch, Partial<PlintoError>][] = [
      [answering(() => new Response('down', { status: 503 })), { code: 'NETWORK_ERROR', status: 503, retryable: true }],
      [
        answering(() => new Response('slow down', { status: 429 })),
        { code: 'NETWORK_ERROR', status: 429, retryable: true },
      ],
      [
        answering(() => new Response('missing', { status: 404 })),
        { code: 'NETWORK_ERROR', status: 404, retryable: false },
      ],
      [
        answering(() => new Response(null, { status: 302, headers: { location: '/elsewhere' } })),
        { code: 'NETWORK_ERROR', status: 302, retryable: false },
      ],
      [
        () => Promise.reject(new DOMException('The operation timed out.', 'TimeoutError')),
        { code: 'TIMEOUT', retryable: true },
      ],
      [
        answering(() => new Response('<html>login</html>', { status: 200 })),
        { code: 'INVALID_RESPONSE', retryable: false },
      ],
      [answering(() => Response.json({ keys: 'none' })), { code: 'INVALID_RESPONSE', retryable: false }],
    ]
    for (const [fetchImpl, expected] of cases) {
      expect(await failure(verifyAccessToken(tokens.access_token, options({ fetch: fetchImpl })))).toMatchObject(
        expected,
      )
    }
  })

  it('picks up a rotated key: refetches on an unknown kid, at most once per 30 s cooldown', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { tokens } = await signUp()
    const oldKeys = ((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] }).keys
    const { privateKey, publicKey } = await generateKeyPair('ES256')
    const newKey = { ...(await exportJWK(publicKey)), kid: 'key_rotated', alg: 'ES256', use: 'sig' }
    let published = oldKeys
    const requests: string[] = []
    // The JWKS as a deployment would publish it before and after a rotation (new key first, old key kept).
    const jwksFetch: typeof fetch = (input) => {
      requests.push(String(input))
      return Promise.resolve(Response.json({ keys: published }))
    }
    const verify = (token: string) =>
      verifyAccessToken(token, options({ apiUrl: 'https://rotating.example', fetch: jwksFetch }))
    await verify(tokens.access_token)
    expect(requests).toHaveLength(1)

    published = [newKey, ...oldKeys]
    const rotated = await new SignJWT(claimsLike(tokens.access_token))
      .setProtectedHeader({ alg: 'ES256', kid: 'key_rotated', typ: 'at+jwt' })
      .sign(privateKey)
    // Within the cooldown an unknown kid does not trigger a fetch (forged kids cannot hammer the issuer).
    expect((await failure(verify(rotated))).message).toMatch(/no key in the issuer's JWKS/)
    expect(requests).toHaveLength(1)

    vi.setSystemTime(Date.now() + 31_000)
    await expect(verify(rotated)).resolves.toMatchObject({ sub: claimsLike(tokens.access_token).sub })
    await expect(verify(tokens.access_token)).resolves.toMatchObject({ iss: ISSUER })
    expect(requests).toEqual([
      'https://rotating.example/.well-known/jwks.json',
      'https://rotating.example/.well-known/jwks.json',
    ])
  })
})

describe('server: verifyAccessToken options', () => {
  it('unusable options → CONFIG_ERROR before the token is looked at', async () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /needs options/],
      [{ issuer: ISSUER, audience: AUDIENCE }, /needs apiUrl .* or jwksUrl/],
      [
        { apiUrl: 'https://a.example', jwksUrl: 'https://a.example/jwks', issuer: ISSUER, audience: AUDIENCE },
        /either jwksUrl or apiUrl, not both/,
      ],
      [{ apiUrl: '/relative', issuer: ISSUER, audience: AUDIENCE }, /apiUrl must be an absolute http\(s\) URL/],
      [
        { jwksUrl: 'file:///etc/jwks.json', issuer: ISSUER, audience: AUDIENCE },
        /jwksUrl must be an absolute http\(s\) URL/,
      ],
      [{ apiUrl: 'https://a.example', audience: AUDIENCE }, /needs issuer: .*default is 'plinto'/],
      [{ apiUrl: 'https://a.example', issuer: '', audience: AUDIENCE }, /needs issuer/],
      [{ apiUrl: 'https://a.example', issuer: ISSUER }, /needs audience: .*default is 'plinto'/],
      [{ apiUrl: 'https://a.example', issuer: ISSUER, audience: [] }, /needs audience/],
      [{ apiUrl: 'https://a.example', issuer: ISSUER, audience: AUDIENCE, clockTolerance: -1 }, /clockTolerance/],
      [{ apiUrl: 'https://a.example', issuer: ISSUER, audience: AUDIENCE, fetch: 'no' }, /fetch must be a function/],
    ]
    for (const [bad, message] of cases) {
      const error = await failure(verifyAccessToken('', bad as VerifyAccessTokenOptions))
      expect(error.code).toBe('CONFIG_ERROR')
      expect(error.message).toMatch(message)
    }
  })

  it('does not modify a URL object it is given', async () => {
    const { tokens } = await signUp()
    const apiUrl = new URL(server.url)
    await verifyAccessToken(tokens.access_token, { apiUrl, issuer: ISSUER, audience: AUDIENCE })
    expect(apiUrl.href).toBe(`${server.url}/`)
  })
})

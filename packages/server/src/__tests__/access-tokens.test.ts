import { createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify, SignJWT, type JWK } from 'jose'
import { beforeAll, describe, expect, test } from 'vitest'
import { generateSigningKey, type SigningKeyRecord } from '../index'
import { call, signUp, testApp } from './helpers'

let key: SigningKeyRecord
beforeAll(async () => {
  key = await generateSigningKey(Date.now())
})

async function setup() {
  let now = Date.now()
  const app = testApp({ keys: [key], clock: { now: () => now } })
  const { user, tokens } = await signUp(app)
  const me = (token: string) => call(app, 'GET', '/api/v1/auth/me', { token })
  const claims = JSON.parse(atob(tokens.access_token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')))
  return { app, user, tokens, me, claims, advance: (ms: number) => (now += ms) }
}

/** Signs arbitrary claims/header with the server's own key, to prove each check stands on its own. */
async function forge(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const privateKey = await importJWK(key.private_jwk, 'ES256')
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt', ...header })
    .sign(privateKey)
}

describe('access tokens', () => {
  test('are ES256 JWTs with kid and typ at+jwt and the contract claims, verifiable with the JWKS', async () => {
    const { app, tokens, user } = await setup()
    expect(decodeProtectedHeader(tokens.access_token)).toEqual({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
    const jwks = await call(app, 'GET', '/.well-known/jwks.json')
    expect(jwks.body.keys).toHaveLength(1)
    expect(jwks.body.keys[0]).not.toHaveProperty('d')
    const { payload } = await jwtVerify(tokens.access_token, createLocalJWKSet(jwks.body as { keys: JWK[] }), {
      issuer: 'plinto',
      audience: 'plinto',
      typ: 'at+jwt',
    })
    expect(payload).toMatchObject({ sub: user.id, sid: expect.stringMatching(/^sess_/), jti: expect.any(String) })
    expect(payload.exp! - payload.iat!).toBe(3600)
  })

  test('a tampered payload fails the signature: 401 UNAUTHORIZED', async () => {
    const { tokens, me, claims } = await setup()
    const [header, , signature] = tokens.access_token.split('.')
    const payload = btoa(JSON.stringify({ ...claims, sub: 'usr_someone_else' }))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
    const res = await me(`${header}.${payload}.${signature}`)
    expect([res.status, res.body.error_code]).toEqual([401, 'UNAUTHORIZED'])
  })

  test('alg "none" is refused', async () => {
    const { me, claims } = await setup()
    const encode = (v: unknown) => btoa(JSON.stringify(v)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
    const res = await me(`${encode({ alg: 'none', typ: 'at+jwt', kid: key.kid })}.${encode(claims)}.`)
    expect(res.body.error_code).toBe('UNAUTHORIZED')
  })

  test('a token signed by another key is refused', async () => {
    const { me, claims } = await setup()
    const other = await generateSigningKey(Date.now())
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
      .sign(await importJWK(other.private_jwk, 'ES256'))
    expect((await me(token)).body.error_code).toBe('UNAUTHORIZED')
  })

  test('an expired token is 401 TOKEN_EXPIRED', async () => {
    const { tokens, me, advance } = await setup()
    advance(3600_000)
    const res = await me(tokens.access_token)
    expect([res.status, res.body.error_code]).toEqual([401, 'TOKEN_EXPIRED'])
  })

  test('an expired token with a wrong audience is UNAUTHORIZED, not TOKEN_EXPIRED', async () => {
    const { me, claims } = await setup()
    const res = await me(await forge({ ...claims, aud: 'someone-else', exp: claims.iat - 1 }))
    expect(res.body.error_code).toBe('UNAUTHORIZED')
  })

  test.each([
    ['wrong audience', { aud: 'another-api' }, {}],
    ['wrong issuer', { iss: 'https://evil.example' }, {}],
    ['wrong typ', {}, { typ: 'JWT' }],
    ['no typ', {}, { typ: undefined }],
    ['no sid', { sid: undefined }, {}],
  ])('%s is refused even with a valid signature', async (_, claimPatch, headerPatch) => {
    const { me, claims } = await setup()
    const res = await me(await forge({ ...claims, ...claimPatch }, headerPatch))
    expect([res.status, res.body.error_code]).toEqual([401, 'UNAUTHORIZED'])
  })

  test('the same forged claims with the right values pass (the forging itself is sound)', async () => {
    const { me, claims } = await setup()
    expect((await me(await forge(claims))).status).toBe(200)
  })

  test('a token of an ended session is 401 SESSION_REVOKED', async () => {
    const { app, tokens, me } = await setup()
    await call(app, 'POST', '/api/v1/auth/signout', { token: tokens.access_token })
    expect((await me(tokens.access_token)).body.error_code).toBe('SESSION_REVOKED')
  })

  test.each(['Basic abc', 'Bearer', 'Bearer a b', 'abc'])(
    'a malformed Authorization header (%s) is UNAUTHORIZED',
    async (header) => {
      const { app } = await setup()
      const res = await call(app, 'GET', '/api/v1/auth/me', { headers: { authorization: header } })
      expect(res.body.error_code).toBe('UNAUTHORIZED')
    },
  )
})

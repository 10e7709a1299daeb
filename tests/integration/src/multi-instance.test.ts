// Three real plinto-server processes on one PostgreSQL database behind a round-robin proxy (issue 10 § Many
// instances on one database): they start at once on an empty database and agree on one signing key, and they
// behave as one server where it matters for security — one global rate limit, one count of wrong MFA codes,
// refresh-token reuse detected whichever instance sees the replay.
import { generateTotp } from '@plinto/server'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { createTestDatabase, type TestDatabase } from './support/postgres-database'
import { SERVED_BY } from './support/round-robin-proxy'
import { type ClusterReply, requestFrom, type ServerCluster, startServerCluster } from './support/server-cluster'

const PASSWORD = 'correct horse battery'
const ATTACK = 30
const API = '/api/v1'

const postgresUrl = inject('postgresUrl')

describe.skipIf(!postgresUrl)('three instances on one PostgreSQL behind a round-robin proxy', () => {
  let database: TestDatabase
  let cluster: ServerCluster

  beforeAll(async () => {
    database = await createTestDatabase(postgresUrl!)
    cluster = await startServerCluster({
      databaseUrl: database.url,
      args: ['--rate-limit', 'on'],
      // The proxy appends each client's address to X-Forwarded-For; a refresh token replayed at all is reuse.
      config: { trustProxy: true, refreshGraceSeconds: 0 },
    })
  }, 120_000)

  afterAll(async () => {
    await cluster?.close()
    await database?.drop()
  })

  const servedBy = (replies: ClusterReply[]) => new Set(replies.map((reply) => reply.headers[SERVED_BY]))

  test('started at once on an empty database: exactly one signing key, the same JWKS from all three', async () => {
    expect(await database.query('SELECT kid FROM plinto_signing_keys')).toHaveLength(1)
    const [first, ...others] = await Promise.all(
      cluster.instances.map((instance) => requestFrom('127.0.0.1', 'GET', `${instance.url}/.well-known/jwks.json`)),
    )
    expect(first!.body.keys).toHaveLength(1)
    for (const other of others) expect(other.body).toEqual(first!.body)
  })

  test(`a rate limit holds globally: ${ATTACK} sign-ins from one client at once, exactly 5 get through`, async () => {
    const replies = await Promise.all(
      Array.from({ length: ATTACK }, (_, i) =>
        requestFrom('127.0.0.21', 'POST', `${cluster.url}${API}/auth/signin`, {
          body: { email: `nobody-${i}@example.com`, password: PASSWORD },
        }),
      ),
    )
    expect(servedBy(replies)).toEqual(new Set(['0', '1', '2']))
    expect(replies.filter((reply) => reply.status === 401)).toHaveLength(5)
    const limited = replies.filter((reply) => reply.status === 429)
    expect(limited).toHaveLength(ATTACK - 5)
    // One window, whichever instance answered.
    expect(new Set(limited.map((reply) => reply.headers['x-ratelimit-reset'])).size).toBe(1)
    for (const reply of limited) expect(reply.body.error_code).toBe('RATE_LIMITED')
  })

  test(`${ATTACK} concurrent wrong MFA codes spread over the three: 5 checked, the rest refused unchecked`, async () => {
    const client = '127.0.0.31'
    const email = `mfa-${Date.now()}@example.com`
    const signUp = await requestFrom(client, 'POST', `${cluster.url}${API}/auth/signup`, {
      body: { email, password: PASSWORD },
    })
    expect(signUp.status).toBe(201)
    const token = signUp.body.tokens.access_token
    const setup = await requestFrom(client, 'POST', `${cluster.url}${API}/mfa/totp/enable`, { token })
    const secret: string = setup.body.secret
    const verify = await requestFrom(client, 'POST', `${cluster.url}${API}/mfa/totp/verify`, {
      token,
      body: { code: await generateTotp(secret, Date.now()) },
    })
    expect(verify.body).toEqual({ enabled: true })
    const signIn = await requestFrom(client, 'POST', `${cluster.url}${API}/auth/signin`, {
      body: { email, password: PASSWORD },
    })
    const mfaToken: string = signIn.body.mfa_token
    expect(mfaToken).toEqual(expect.any(String))

    // A code that is wrong in every step the server accepts around now.
    const now = Date.now()
    const valid = await Promise.all([-30_000, 0, 30_000].map((offset) => generateTotp(secret, now + offset)))
    const wrong = ['000000', '111111', '222222', '333333'].find((code) => !valid.includes(code))!
    // Each from an address of its own: the per-IP sign-in limit is not what stops them.
    const replies = await Promise.all(
      Array.from({ length: ATTACK }, (_, i) =>
        requestFrom(`127.0.1.${i + 1}`, 'POST', `${cluster.url}${API}/mfa/challenge`, {
          body: { mfa_token: mfaToken, code: wrong },
        }),
      ),
    )
    expect(servedBy(replies)).toEqual(new Set(['0', '1', '2']))
    const outcomes = replies.map((reply) => `${reply.status} ${reply.body.error_code}`)
    expect(outcomes.filter((outcome) => outcome === '400 INVALID_MFA_CODE')).toHaveLength(5)
    expect(outcomes.filter((outcome) => outcome === '400 INVALID_TOKEN')).toHaveLength(ATTACK - 5)
    // The token is spent: even the right code no longer signs in with it.
    const right = await requestFrom('127.0.1.200', 'POST', `${cluster.url}${API}/mfa/challenge`, {
      body: { mfa_token: mfaToken, code: await generateTotp(secret, Date.now()) },
    })
    expect([right.status, right.body.error_code]).toEqual([400, 'INVALID_TOKEN'])
  })

  test('refresh-token reuse is detected across instances: rotate on one, replay on another, the session ends', async () => {
    const client = '127.0.0.41'
    const [a, b, c] = cluster.instances
    const signUp = await requestFrom(client, 'POST', `${a!.url}${API}/auth/signup`, {
      body: { email: `refresh-${Date.now()}@example.com`, password: PASSWORD },
    })
    expect(signUp.status).toBe(201)
    const old = signUp.body.tokens
    const rotated = await requestFrom(client, 'POST', `${b!.url}${API}/auth/refresh`, {
      body: { refresh_token: old.refresh_token },
    })
    expect(rotated.status).toBe(200)
    const replay = await requestFrom(client, 'POST', `${c!.url}${API}/auth/refresh`, {
      body: { refresh_token: old.refresh_token },
    })
    expect([replay.status, replay.body.error_code]).toEqual([401, 'REFRESH_TOKEN_REUSED'])
    // The whole session is revoked, on every instance: the successor pair no longer works either.
    const successor = await requestFrom(client, 'POST', `${a!.url}${API}/auth/refresh`, {
      body: { refresh_token: rotated.body.refresh_token },
    })
    expect(successor.body.error_code).toBe('SESSION_REVOKED')
    const me = await requestFrom(client, 'GET', `${b!.url}${API}/auth/me`, { token: rotated.body.access_token })
    expect([me.status, me.body.error_code]).toEqual([401, 'SESSION_REVOKED'])
  })

  test('an instance killed with SIGKILL leaves the rotation, and restarted on its port and database rejoins', async () => {
    const client = '127.0.0.51'
    const instance = cluster.instances[1]!
    const { port } = instance
    const jwks = (await requestFrom(client, 'GET', `${instance.url}/.well-known/jwks.json`)).body
    await instance.kill()
    expect(instance.running).toBe(false)
    expect(instance.process.signalCode).toBe('SIGKILL')

    const email = `rejoin-${Date.now()}@example.com`
    const whileDown = [
      await requestFrom(client, 'POST', `${cluster.url}${API}/auth/signup`, { body: { email, password: PASSWORD } }),
      ...(await Promise.all(Array.from({ length: 4 }, () => requestFrom(client, 'GET', `${cluster.url}/health`)))),
    ]
    expect(whileDown.map((reply) => reply.status)).toEqual([201, 200, 200, 200, 200])
    expect(servedBy(whileDown)).toEqual(new Set(['0', '2']))

    await instance.restart()
    expect([instance.running, instance.port]).toEqual([true, port])
    expect((await requestFrom(client, 'GET', `${instance.url}/.well-known/jwks.json`)).body).toEqual(jwks)
    // What the others stored while it was down is there.
    const signIn = await requestFrom(client, 'POST', `${instance.url}${API}/auth/signin`, {
      body: { email, password: PASSWORD },
    })
    expect(signIn.status).toBe(200)
    const health = await Promise.all(
      Array.from({ length: 3 }, () => requestFrom(client, 'GET', `${cluster.url}/health`)),
    )
    expect(servedBy(health)).toEqual(new Set(['0', '1', '2']))
  })
})

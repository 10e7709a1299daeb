// Re-authentication for sensitive operations (docs/contract.md § Re-authentication): every sensitive route refuses a
// session that last proved who it is more than `reauthenticationMaxAgeSeconds` ago with 403 REAUTH_REQUIRED naming
// the account's methods, and allows it again after POST /auth/reauthenticate. Wrong proofs are counted atomically in
// the store: the concurrency cases run on the memory store, the embedded store (PGlite in a data directory) and a
// real PostgreSQL shared by two app instances.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeJwt } from 'jose'
import { afterAll, describe, expect, inject, test } from 'vitest'
import { devLink } from './dev-oauth'
import { ErrorBodySchema, ReauthenticateResponseSchema } from '@plinto/contract'
import { generateTotp } from '../crypto/totp'
import { createMemoryStore, type PlintoApp, type PlintoStore, silentLogger } from '../index'
import { createEmbeddedStore, createPostgresStore } from '../node'
import { call, PASSWORD, signIn, testApp } from './helpers'

const START = Date.UTC(2030, 0, 1, 0, 0, 15)
const MINUTE = 60_000

/** A test app on a movable clock (mid-TOTP-step at the start), its store, and a signed-in password user. */
async function setUp(options: { store?: PlintoStore; maxAge?: number } = {}) {
  let now = START
  const app = testApp({
    clock: { now: () => now },
    ...(options.store && { store: options.store }),
    ...(options.maxAge !== undefined && { config: { reauthenticationMaxAgeSeconds: options.maxAge } }),
  })
  const email = `ada-${Math.random().toString(36).slice(2)}@example.com`
  await app.plinto.createUser({ email, password: PASSWORD, email_verified: true })
  const signin = await signIn(app, email)
  const token = signin.body.tokens.access_token as string
  return {
    app,
    email,
    token,
    refreshToken: signin.body.tokens.refresh_token as string,
    advance: (ms: number) => {
      now += ms
    },
    now: () => now,
  }
}

/** Turns TOTP on for the signed-in user (while the session is fresh); returns the secret and backup codes. */
async function enableTotp(app: PlintoApp, token: string, now: number) {
  const setup = await call(app, 'POST', '/api/v1/mfa/totp/enable', { token })
  const verify = await call(app, 'POST', '/api/v1/mfa/totp/verify', {
    token,
    body: { code: await generateTotp(setup.body.secret, now) },
  })
  expect(verify.body).toEqual({ enabled: true })
  return { secret: setup.body.secret as string, backupCodes: setup.body.backup_codes as string[] }
}

function expectReauthRequired(reply: { status: number; body: unknown }, methods: string[]) {
  expect(reply.status).toBe(403)
  expect(ErrorBodySchema.safeParse(reply.body).success).toBe(true)
  expect(reply.body).toMatchObject({ error_code: 'REAUTH_REQUIRED', methods })
}

describe('sensitive operations after the max age', () => {
  // Each sensitive route: [name, how to prepare what it acts on (while fresh), the call, its success status].
  type Ctx = Awaited<ReturnType<typeof setUp>>
  const routes: [
    string,
    (ctx: Ctx) => Promise<(token: string) => Promise<{ status: number; body: unknown }>>,
    number,
  ][] = [
    [
      'POST /auth/password/change',
      async ({ app }) =>
        (token) =>
          call(app, 'POST', '/api/v1/auth/password/change', {
            token,
            body: { current_password: PASSWORD, new_password: 'a different long passphrase' },
          }),
      200,
    ],
    [
      'POST /mfa/totp/disable',
      async ({ app, token, now }) => {
        const { backupCodes } = await enableTotp(app, token, now())
        return (bearer) =>
          call(app, 'POST', '/api/v1/mfa/totp/disable', { token: bearer, body: { code: backupCodes[0] } })
      },
      200,
    ],
    [
      'POST /mfa/backup-codes/regenerate',
      async ({ app, token, now }) => {
        const { backupCodes } = await enableTotp(app, token, now())
        return (bearer) =>
          call(app, 'POST', '/api/v1/mfa/backup-codes/regenerate', { token: bearer, body: { code: backupCodes[1] } })
      },
      200,
    ],
    [
      'POST /mfa/sms/disable',
      async ({ app, token, email }) => {
        await call(app, 'POST', '/api/v1/mfa/sms/enable', { token, body: { phone: '+15555550100' } })
        const code = app.plinto.outbox!.messages('+15555550100').at(-1)?.code
        const verify = await call(app, 'POST', '/api/v1/mfa/sms/verify', { token, body: { code } })
        expect(verify.body.enabled, email).toBe(true)
        const backup = verify.body.backup_codes as string[]
        return (bearer) => call(app, 'POST', '/api/v1/mfa/sms/disable', { token: bearer, body: { code: backup[0] } })
      },
      200,
    ],
    [
      'POST /sessions/revoke-all',
      async ({ app }) =>
        (token) =>
          call(app, 'POST', '/api/v1/sessions/revoke-all', { token }),
      200,
    ],
    [
      'DELETE /sessions/{id} (another session)',
      async ({ app, email }) => {
        const other = await signIn(app, email)
        const current = await call(app, 'GET', '/api/v1/sessions/current', {
          token: other.body.tokens.access_token,
        })
        return (token) => call(app, 'DELETE', `/api/v1/sessions/${current.body.id}`, { token })
      },
      204,
    ],
    [
      'DELETE /users/me/identities/{id} (unlink a provider)',
      async ({ app, token, email }) => {
        const linked = await devLink(app, token, { email })
        expect(linked.status, email).toBe(200)
        const { identities } = (await call(app, 'GET', '/api/v1/users/me/identities', { token })).body
        return (bearer) => call(app, 'DELETE', `/api/v1/users/me/identities/${identities[0].id}`, { token: bearer })
      },
      200,
    ],
    [
      'DELETE /users/me',
      async ({ app }) =>
        (token) =>
          call(app, 'DELETE', '/api/v1/users/me', { token, body: { password: PASSWORD } }),
      204,
    ],
  ]

  test.each(routes)(
    '%s: refused after 10 minutes with the methods, allowed again after reauthenticate',
    async (_, prepare, ok) => {
      const ctx = await setUp()
      const attempt = await prepare(ctx)
      ctx.advance(10 * MINUTE + 1)
      const refused = await attempt(ctx.token)
      const mfa = await ctx.app.plinto.store.mfa.get(
        (await call(ctx.app, 'GET', '/api/v1/auth/me', { token: ctx.token })).body.id,
      )
      const hasBackup = Boolean(mfa && (mfa.totp_enabled || mfa.sms_enabled) && mfa.backup_code_hashes.length > 0)
      expectReauthRequired(refused, [
        'password',
        ...(mfa?.totp_enabled ? ['totp'] : []),
        ...(hasBackup ? ['backup_code'] : []),
      ])

      const reauth = await call(ctx.app, 'POST', '/api/v1/auth/reauthenticate', {
        token: ctx.token,
        body: { method: 'password', password: PASSWORD },
      })
      expect(reauth.status).toBe(200)
      expect(ReauthenticateResponseSchema.safeParse(reauth.body).success).toBe(true)
      expect(reauth.body).toEqual({
        authenticated_at: new Date(ctx.now()).toISOString(),
        reauthentication_expires_at: new Date(ctx.now() + 10 * MINUTE).toISOString(),
      })
      // The same access token: the server judges the stored session, so no refresh is needed first.
      expect((await attempt(ctx.token)).status).toBe(ok)
    },
  )

  test('exactly at the max age the operation is still allowed; one millisecond later it is not', async () => {
    const { app, token, advance } = await setUp()
    advance(10 * MINUTE)
    expect((await call(app, 'POST', '/api/v1/sessions/revoke-all', { token })).status).toBe(200)
    advance(1)
    expectReauthRequired(await call(app, 'POST', '/api/v1/sessions/revoke-all', { token }), ['password'])
  })

  test('ending the current session (signing out through /sessions) never needs re-authentication', async () => {
    const { app, token, advance } = await setUp()
    advance(60 * MINUTE - 1)
    const current = await call(app, 'GET', '/api/v1/sessions/current', { token })
    expect((await call(app, 'DELETE', `/api/v1/sessions/${current.body.id}`, { token })).status).toBe(204)
  })

  test('reauthenticationMaxAgeSeconds sets the window', async () => {
    const { app, token, advance } = await setUp({ maxAge: 30 })
    advance(30_001)
    expectReauthRequired(await call(app, 'POST', '/api/v1/sessions/revoke-all', { token }), ['password'])
    expect(() => testApp({ config: { reauthenticationMaxAgeSeconds: 0 } })).toThrow(/reauthenticationMaxAgeSeconds/)
  })

  test('a password-less account gets REAUTH_REQUIRED with no methods (it signs in again)', async () => {
    const { app, advance } = await setUp()
    await app.plinto.createUser({ email: 'nopass@example.com' })
    await call(app, 'POST', '/api/v1/auth/magic-link', { body: { email: 'nopass@example.com' } })
    const link = app.plinto.outbox!.messages('nopass@example.com')[0]?.link ?? ''
    const { body } = await call(app, 'POST', '/api/v1/auth/magic-link/verify', {
      body: { token: new URL(link).searchParams.get('magic_token') },
    })
    advance(10 * MINUTE + 1)
    const token = body.tokens.access_token
    expectReauthRequired(await call(app, 'DELETE', '/api/v1/users/me', { token }), [])
    const reauth = await call(app, 'POST', '/api/v1/auth/reauthenticate', {
      token,
      body: { method: 'password', password: PASSWORD },
    })
    expect([reauth.status, reauth.body.error_code, reauth.body.errors?.[0]?.field]).toEqual([
      422,
      'VALIDATION_ERROR',
      'method',
    ])
  })
})

describe('POST /auth/reauthenticate', () => {
  test('auth_time: the sign-in, then the re-authentication (from the next refresh on)', async () => {
    const { app, token, refreshToken, advance, now } = await setUp()
    expect(decodeJwt(token).auth_time).toBe(Math.floor(START / 1000))
    advance(20 * MINUTE)
    await call(app, 'POST', '/api/v1/auth/reauthenticate', { token, body: { method: 'password', password: PASSWORD } })
    const reauthAt = now()
    advance(MINUTE)
    const refreshed = await call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: refreshToken } })
    expect(decodeJwt(refreshed.body.access_token).auth_time).toBe(Math.floor(reauthAt / 1000))
  })

  test('with a TOTP code (each time step once) and with a backup code (spent)', async () => {
    const { app, token, advance, now } = await setUp()
    const { secret, backupCodes } = await enableTotp(app, token, now())
    advance(11 * MINUTE)
    expectReauthRequired(await call(app, 'POST', '/api/v1/sessions/revoke-all', { token }), [
      'password',
      'totp',
      'backup_code',
    ])
    const code = await generateTotp(secret, now())
    const totp = await call(app, 'POST', '/api/v1/auth/reauthenticate', { token, body: { method: 'totp', code } })
    expect(totp.status).toBe(200)
    // The same step again is refused (a code seen once may have been read over a shoulder).
    const again = await call(app, 'POST', '/api/v1/auth/reauthenticate', { token, body: { method: 'totp', code } })
    expect([again.status, again.body.error_code]).toEqual([400, 'INVALID_MFA_CODE'])
    // A backup code is not a TOTP code, nor the reverse.
    const mixed = await call(app, 'POST', '/api/v1/auth/reauthenticate', {
      token,
      body: { method: 'totp', code: backupCodes[0] },
    })
    expect(mixed.body.error_code).toBe('INVALID_MFA_CODE')

    const backup = { method: 'backup_code', code: backupCodes[0] }
    expect((await call(app, 'POST', '/api/v1/auth/reauthenticate', { token, body: backup })).status).toBe(200)
    const reused = await call(app, 'POST', '/api/v1/auth/reauthenticate', { token, body: backup })
    expect([reused.status, reused.body.error_code]).toEqual([400, 'INVALID_MFA_CODE'])
    expect((await call(app, 'GET', '/api/v1/mfa/status', { token })).body.backup_codes_remaining).toBe(9)
  })

  test('a wrong password is 401 INVALID_CREDENTIALS on the field and changes nothing', async () => {
    const { app, token, advance } = await setUp()
    advance(11 * MINUTE)
    const wrong = await call(app, 'POST', '/api/v1/auth/reauthenticate', {
      token,
      body: { method: 'password', password: 'not it' },
    })
    expect([wrong.status, wrong.body.error_code, wrong.body.errors]).toEqual([
      401,
      'INVALID_CREDENTIALS',
      [{ field: 'password', message: 'Password is incorrect' }],
    ])
    expect((await call(app, 'POST', '/api/v1/sessions/revoke-all', { token })).status).toBe(403)
  })

  test('needs a session, and a body naming a method', async () => {
    const { app, token } = await setUp()
    const anonymous = await call(app, 'POST', '/api/v1/auth/reauthenticate', {
      body: { method: 'password', password: PASSWORD },
    })
    expect(anonymous.status).toBe(401)
    const unnamed = await call(app, 'POST', '/api/v1/auth/reauthenticate', { token, body: { password: PASSWORD } })
    expect([unnamed.status, unnamed.body.error_code]).toEqual([422, 'VALIDATION_ERROR'])
  })

  test('re-authenticating one session leaves the others stale', async () => {
    const { app, token, email, advance } = await setUp()
    const other = (await signIn(app, email)).body.tokens.access_token
    advance(11 * MINUTE)
    await call(app, 'POST', '/api/v1/auth/reauthenticate', { token, body: { method: 'password', password: PASSWORD } })
    expect((await call(app, 'POST', '/api/v1/sessions/revoke-all', { token: other })).status).toBe(403)
  })

  test('5 wrong proofs per 15 minutes, then 429 even for the right one; the window ends', async () => {
    const { app, token, advance } = await setUp()
    for (let i = 0; i < 5; i++) {
      const wrong = await call(app, 'POST', '/api/v1/auth/reauthenticate', {
        token,
        body: { method: 'password', password: `wrong ${i}` },
      })
      expect(wrong.status).toBe(401)
    }
    const blocked = await call(app, 'POST', '/api/v1/auth/reauthenticate', {
      token,
      body: { method: 'password', password: PASSWORD },
    })
    expect([blocked.status, blocked.body.error_code, blocked.body.retry_after]).toEqual([429, 'RATE_LIMITED', 900])
    advance(15 * MINUTE + 1)
    const later = await call(app, 'POST', '/api/v1/auth/reauthenticate', {
      token,
      body: { method: 'password', password: PASSWORD },
    })
    expect(later.status).toBe(200)
  })

  test('passkey options need a session and list only its passkeys', async () => {
    const { app, token } = await setUp()
    expect((await call(app, 'POST', '/api/v1/auth/reauthenticate/passkey/options', {})).status).toBe(401)
    const options = await call(app, 'POST', '/api/v1/auth/reauthenticate/passkey/options', { token })
    expect(options.status).toBe(200)
    expect(options.body).toMatchObject({
      challenge: expect.any(String),
      allowCredentials: [],
      userVerification: 'required',
    })
  })
})

const ATTACK = 30

function concurrency(name: string, createStore: () => Promise<PlintoStore>, instances: number) {
  describe(name, () => {
    const stores: PlintoStore[] = []
    afterAll(() => Promise.all(stores.map((store) => store.close?.())))

    async function apps() {
      const first = await createStore()
      stores.push(first)
      const ctx = await setUp({ store: first })
      const all = [ctx.app]
      for (let i = 1; i < instances; i++) {
        const store = await createStore()
        stores.push(store)
        all.push(testApp({ store, clock: { now: ctx.now } }))
      }
      return { ...ctx, all }
    }

    test(`${ATTACK} concurrent wrong passwords: exactly 5 are checked, the rest answer 429`, async () => {
      const { all, token } = await apps()
      const replies = await Promise.all(
        Array.from({ length: ATTACK }, (_, i) =>
          call(all[i % all.length]!, 'POST', '/api/v1/auth/reauthenticate', {
            token,
            body: { method: 'password', password: `guess ${i}` },
          }),
        ),
      )
      const codes = replies.map((r) => `${r.status} ${r.body.error_code}`)
      expect(codes.filter((c) => c === '401 INVALID_CREDENTIALS')).toHaveLength(5)
      expect(codes.filter((c) => c === '429 RATE_LIMITED')).toHaveLength(ATTACK - 5)
    })

    test('one backup code sent many times at once re-authenticates once', async () => {
      const { all, app, token, now } = await apps()
      const { backupCodes } = await enableTotp(app, token, now())
      const replies = await Promise.all(
        // As many as the failure budget allows, so every one of them is checked.
        Array.from({ length: 5 }, (_, i) =>
          call(all[i % all.length]!, 'POST', '/api/v1/auth/reauthenticate', {
            token,
            body: { method: 'backup_code', code: backupCodes[0] },
          }),
        ),
      )
      expect(replies.filter((r) => r.status === 200)).toHaveLength(1)
      expect(replies.filter((r) => r.body?.error_code === 'INVALID_MFA_CODE')).toHaveLength(4)
    })
  })
}

concurrency('concurrency on the memory store', async () => createMemoryStore(), 1)

describe('concurrency on the embedded store', () => {
  const dirs: string[] = []
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))
  concurrency(
    'PGlite in a data directory',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'plinto-reauth-'))
      dirs.push(dir)
      return createEmbeddedStore(dir, { logger: silentLogger })
    },
    1,
  )
})

// PLINTO_TEST_DATABASE_URL, or the throwaway cluster of src/__tests__/postgres-cluster.ts.
const realDatabase = inject('postgresUrl')
const schema = `plinto_reauth_race_${Date.now()}`
describe.skipIf(!realDatabase)('concurrency on a real PostgreSQL', () => {
  concurrency(
    'two app instances on one schema',
    () => createPostgresStore({ connectionString: realDatabase!, schema, logger: silentLogger }),
    2,
  )
})

// The reference app over the PostgreSQL store (PGlite in-process): a whole user journey over HTTP, a
// restart that loses nothing and does not migrate twice, concurrent starts, and the store's own edges.
import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { generateTotp } from '../crypto/totp'
import type { PlintoApp, PlintoStore } from '../index'
import { createPostgresStore, pgliteClient, type SqlClient } from '../node'
import { MIGRATIONS } from '../store/postgres/migrations'
import { tableNames } from '../store/postgres/sql'
import { call, PASSWORD, signIn, signUp, testApp } from './helpers'
import { PGLITE_START_TIMEOUT, startPglite } from './postgres-helpers'

/** Every migration this package knows, each applied once. */
const MIGRATION_VERSIONS = MIGRATIONS.map((migration) => migration.version)

let db: PGlite
let client: SqlClient
beforeAll(async () => {
  db = await startPglite()
  client = pgliteClient(db)
}, PGLITE_START_TIMEOUT)
afterAll(() => db?.close())

/** Each test gets a schema of its own in the shared database, so they never see each other's rows. */
let schemas = 0
const freshSchema = () => `journey_${++schemas}`

const migrationsOf = async (schema: string) =>
  (
    await client.query<{ version: number; applied_at: string | number }>(
      `SELECT version, applied_at FROM "${schema}".plinto_migrations ORDER BY version`,
    )
  ).rows

function linkToken(app: PlintoApp, to: string): string {
  const link = app.plinto.outbox!.messages(to).at(-1)?.link
  return new URL(link ?? 'http://invalid/').searchParams.get('token') ?? ''
}

describe('the reference app on the PostgreSQL store', () => {
  test('sign-up → sign-in → refresh rotation and reuse detection → organization and invitation → MFA → sign-out → account deletion', async () => {
    const store = await createPostgresStore({ client, schema: freshSchema() })
    // Mid-step, so TOTP codes never straddle a step boundary by accident.
    let now = Date.UTC(2030, 0, 1, 0, 0, 15)
    const app = testApp({ store, clock: { now: () => now } })
    const refresh = (refresh_token: string) => call(app, 'POST', '/api/v1/auth/refresh', { body: { refresh_token } })

    // Sign-up; the address is unique whatever its case; the emailed link verifies it once.
    const ada = await signUp(app, 'Ada@Example.com')
    expect(
      (await call(app, 'POST', '/api/v1/auth/signup', { body: { email: 'ADA@example.COM', password: PASSWORD } })).body
        .error_code,
    ).toBe('EMAIL_TAKEN')
    const verifyToken = linkToken(app, 'ada@example.com')
    expect((await call(app, 'POST', '/api/v1/auth/email/verify', { body: { token: verifyToken } })).status).toBe(200)
    expect(
      (await call(app, 'POST', '/api/v1/auth/email/verify', { body: { token: verifyToken } })).body.error_code,
    ).toBe('INVALID_TOKEN')

    // Sign-in with another spelling of the address.
    const signedIn = await signIn(app, 'ada@EXAMPLE.com')
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.user).toMatchObject({ id: ada.user.id, email: 'Ada@Example.com', email_verified: true })

    // Rotation: a used token inside the grace window gets the same successor; after it, reuse ends the session.
    const first = await refresh(ada.tokens.refresh_token)
    expect(first.status).toBe(200)
    const again = await refresh(ada.tokens.refresh_token)
    expect(again.body).toEqual(first.body)
    now += 10_001
    expect((await refresh(ada.tokens.refresh_token)).body.error_code).toBe('REFRESH_TOKEN_REUSED')
    expect((await refresh(first.body.refresh_token)).status).toBe(401)
    const token = signedIn.body.tokens.access_token as string
    expect((await call(app, 'GET', '/api/v1/auth/me', { token })).status).toBe(200)

    // An organization (slugs are unique) and an invitation accepted by a second, verified user.
    const org = await call(app, 'POST', '/api/v1/organizations', { token, body: { name: 'Acme', slug: 'acme' } })
    expect(org.status).toBe(201)
    expect(
      (await call(app, 'POST', '/api/v1/organizations', { token, body: { name: 'Other', slug: 'acme' } })).body
        .error_code,
    ).toBe('SLUG_TAKEN')
    const bob = await signUp(app, 'bob@example.com')
    await call(app, 'POST', '/api/v1/auth/email/verify', { body: { token: linkToken(app, 'bob@example.com') } })
    const invite = await call(app, 'POST', `/api/v1/organizations/${org.body.id}/members/invite`, {
      token,
      body: { email: 'Bob@Example.com', role: 'admin' },
    })
    expect(invite.status).toBe(201)
    const accepted = await call(app, 'POST', '/api/v1/invitations/accept', {
      token: bob.tokens.access_token,
      body: { token: linkToken(app, 'bob@example.com') },
    })
    expect(accepted.body).toMatchObject({ role: 'admin', organization: { id: org.body.id, member_count: 2 } })
    const members = await call(app, 'GET', `/api/v1/organizations/${org.body.id}/members`, { token })
    expect(members.body.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['Ada@Example.com', 'owner'],
      ['bob@example.com', 'admin'],
    ])
    // The last owner cannot step down.
    expect(
      (
        await call(app, 'PUT', `/api/v1/organizations/${org.body.id}/members/${ada.user.id}/role`, {
          token,
          body: { role: 'member' },
        })
      ).status,
    ).toBe(403)

    // TOTP: enable, verify, then a sign-in needs the second factor; a code is accepted once.
    const setup = await call(app, 'POST', '/api/v1/mfa/totp/enable', { token })
    expect(
      (
        await call(app, 'POST', '/api/v1/mfa/totp/verify', {
          token,
          body: { code: await generateTotp(setup.body.secret, now) },
        })
      ).body,
    ).toEqual({ enabled: true })
    now += 30_000
    const needsMfa = await signIn(app, 'ada@example.com')
    expect(needsMfa.body).toMatchObject({ mfa_required: true })
    const code = await generateTotp(setup.body.secret, now)
    const mfaSignIn = await call(app, 'POST', '/api/v1/mfa/challenge', {
      body: { mfa_token: needsMfa.body.mfa_token, code },
    })
    expect(mfaSignIn.status).toBe(200)
    const replay = await call(app, 'POST', '/api/v1/mfa/challenge', {
      body: { mfa_token: (await signIn(app, 'ada@example.com')).body.mfa_token, code },
    })
    expect(replay.body.error_code).toBe('INVALID_MFA_CODE')
    const backup = await call(app, 'POST', '/api/v1/mfa/challenge', {
      body: { mfa_token: (await signIn(app, 'ada@example.com')).body.mfa_token, code: setup.body.backup_codes[0] },
    })
    expect(backup.status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/mfa/status', { token })).body).toMatchObject({
      enabled: true,
      backup_codes_remaining: 9,
    })

    // Sessions, sign-out.
    const sessions = await call(app, 'GET', '/api/v1/sessions', { token })
    expect(sessions.body.sessions.filter((s: { is_current: boolean }) => s.is_current)).toHaveLength(1)
    expect((await call(app, 'POST', '/api/v1/auth/signout', { token })).status).toBe(204)
    expect((await call(app, 'GET', '/api/v1/auth/me', { token })).body.error_code).toBe('SESSION_REVOKED')

    // Bob deletes his account: his membership goes with it.
    expect(
      (await call(app, 'DELETE', '/api/v1/users/me', { token: bob.tokens.access_token, body: { password: PASSWORD } }))
        .status,
    ).toBe(204)
    const adaToken = mfaSignIn.body.tokens.access_token as string
    expect(
      (await call(app, 'GET', `/api/v1/organizations/${org.body.id}/members`, { token: adaToken })).body.total,
    ).toBe(1)
    expect(await store.users.getByEmail('bob@example.com')).toBeUndefined()

    expect((await call(app, 'GET', '/health/readiness')).body).toEqual({ status: 'ok', checks: { database: true } })
    await store.close()
  }, 30_000) // a whole journey against real PostgreSQL: seconds on a busy 2-core machine

  test('a restart loses nothing: same signing key, same sessions; migrations are not run again', async () => {
    const schema = freshSchema()
    const before = await createPostgresStore({ client, schema })
    const app = testApp({ store: before })
    const { user, tokens } = await signUp(app)
    const jwks = (await call(app, 'GET', '/.well-known/jwks.json')).body
    const migrated = await migrationsOf(schema)
    expect(migrated.map((m) => Number(m.version))).toEqual(MIGRATION_VERSIONS)
    await before.close()

    const after = await createPostgresStore({ client, schema })
    const restarted = testApp({ store: after })
    expect((await call(restarted, 'GET', '/.well-known/jwks.json')).body).toEqual(jwks)
    expect((await call(restarted, 'GET', '/api/v1/auth/me', { token: tokens.access_token })).body).toMatchObject({
      id: user.id,
    })
    expect(
      (await call(restarted, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } })).status,
    ).toBe(200)
    expect(await migrationsOf(schema)).toEqual(migrated)
    await after.close()
  })

  test('concurrent starts on an empty schema: one migrates, all work', async () => {
    const schema = freshSchema()
    const stores = await Promise.all(Array.from({ length: 3 }, () => createPostgresStore({ client, schema })))
    expect((await migrationsOf(schema)).map((m) => Number(m.version))).toEqual(MIGRATION_VERSIONS)
    expect(await Promise.all(stores.map((store) => store.ping()))).toEqual([true, true, true])
    await Promise.all(stores.map((store) => store.close()))
  })

  test('migration 9 gives links made before it an id of their own (and an unknown name)', async () => {
    const schema = freshSchema()
    const t = tableNames(schema)
    // The schema as version 8 left it, with two links in it.
    await client.transaction(async (tx) => {
      await tx.query(`CREATE SCHEMA "${schema}"`)
      await tx.query(
        `CREATE TABLE ${t.migrations} (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`,
      )
      for (const migration of MIGRATIONS.filter((m) => m.version < 9)) {
        for (const statement of migration.statements(t)) await tx.query(statement)
        await tx.query(`INSERT INTO ${t.migrations} (version, name, applied_at) VALUES ($1, $2, 0)`, [
          migration.version,
          migration.name,
        ])
      }
      await tx.query(
        `INSERT INTO ${t.users} (id, email, email_normalized, email_verified, mfa_enabled, created_at, updated_at)
         VALUES ('usr_1', 'a@example.com', 'a@example.com', true, false, 0, 0)`,
      )
      for (const provider of ['github', 'google'])
        await tx.query(
          `INSERT INTO ${t.oauthAccounts} (provider, provider_user_id, user_id, email, created_at) VALUES ($1, 'p', 'usr_1', 'a@example.com', 0)`,
          [provider],
        )
    })
    const store = await createPostgresStore({ client, schema })
    const links = await store.oauthAccounts.listByUser('usr_1')
    expect(links.map((link) => [link.provider, link.name])).toEqual([
      ['github', null],
      ['google', null],
    ])
    expect(links.every((link) => /^idn_[0-9a-f]{32}$/.test(link.id))).toBe(true)
    expect(new Set(links.map((link) => link.id)).size).toBe(2)
    expect(await store.oauthAccounts.deleteUnlessLast('usr_1', links[0]!.id)).toMatchObject({
      deleted: { provider: 'github' },
    })
  })

  test('a schema migrated by a newer version is refused rather than used', async () => {
    const schema = freshSchema()
    await (await createPostgresStore({ client, schema })).close()
    await client.query(
      `INSERT INTO "${schema}".plinto_migrations (version, name, applied_at) VALUES (999, 'from the future', 0)`,
    )
    await expect(createPostgresStore({ client, schema })).rejects.toThrow(
      /migration 999, newer than this @plinto\/server knows/,
    )
  })

  test('schema names must be plain identifiers; tables are plinto_* in the chosen schema', async () => {
    await expect(createPostgresStore({ client, schema: 'x"; DROP TABLE users; --' })).rejects.toThrow(TypeError)
    const schema = freshSchema()
    await (await createPostgresStore({ client, schema })).close()
    const { rows } = await client.query<{ tablename: string }>(
      'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
      [schema],
    )
    expect(rows.map((r) => r.tablename)).toEqual([
      'plinto_challenges',
      'plinto_email_tokens',
      'plinto_invitations',
      'plinto_memberships',
      'plinto_mfa',
      'plinto_migrations',
      'plinto_oauth_accounts',
      'plinto_organizations',
      'plinto_passkeys',
      'plinto_rate_limits',
      'plinto_refresh_tokens',
      'plinto_sessions',
      'plinto_signing_keys',
      'plinto_users',
      'plinto_webhook_outbox',
    ])
  })

  test('ping is true while the database answers; flush resolves; close is idempotent and ping is false after it', async () => {
    const store: PlintoStore = await createPostgresStore({ client, schema: freshSchema() })
    expect(await store.ping()).toBe(true)
    await store.flush()
    await store.close()
    await store.close()
    expect(await store.ping()).toBe(false)
  })
})

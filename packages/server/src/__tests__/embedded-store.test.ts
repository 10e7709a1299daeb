// The embedded store (PGlite on a data directory): what survives a restart, what the files hold, the lock
// that keeps a second store out, and the one-time import of the earlier file store's plinto-state.json.
// The crash tests (SIGKILL of the server process) are in embedded-store-crash.test.ts; the behaviour of
// every operation is in the conformance suite.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { silentLogger, type Logger } from '../index'
import { createEmbeddedStore, DataDirInUseError, startServer } from '../node'
import { LOCK_FILE } from '../store/embedded/data-dir-lock'
import { openEmbeddedDatabase } from '../store/embedded/embedded-store'
import { createStateStore } from '../store/memory/memory-store'
import { emptyState, type StoreState } from '../store/memory/state'
import { PASSWORD } from './helpers'
import { PGLITE_START_TIMEOUT } from './postgres-helpers'
import {
  challengeRecord,
  invitationRecord,
  mfaRecord,
  NOW,
  organizationRecord,
  passkeyRecord,
  refreshTokenRecord,
  sessionRecord,
  userRecord,
} from './store-conformance/records'

const MINUTE = 60_000
// Each test creates a database (PGlite's initdb) and opens it, some twice: seconds each on a busy machine.
const PGLITE_TEST_TIMEOUT = PGLITE_START_TIMEOUT * 2

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plinto-embedded-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function serve(options: { logger?: Logger } = {}) {
  const store = await createEmbeddedStore(dir, { logger: options.logger ?? silentLogger })
  const server = await startServer({ port: 0, mode: 'test', store, logger: silentLogger })
  return {
    server,
    store,
    post: (path: string, body: unknown, token?: string) =>
      fetch(`${server.url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }),
    me: (token: string) => fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }),
    stop: async () => {
      await server.close()
      await store.close()
    },
  }
}

/** Every file under `root`, recursively. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

describe('embedded store', () => {
  test(
    'users, sessions, refresh tokens and signing keys survive a restart; a signed-out session stays ended',
    async () => {
      const first = await serve()
      const signUp = await (await first.post('/auth/signup', { email: 'ada@example.com', password: PASSWORD })).json()
      const other = await (await first.post('/auth/signup', { email: 'bob@example.com', password: PASSWORD })).json()
      await first.post('/auth/signout', {}, other.tokens.access_token)
      const jwksBefore = await (await fetch(`${first.server.url}/.well-known/jwks.json`)).json()
      await first.stop()

      const second = await serve()
      try {
        // A token issued before the restart still verifies: same key, same session.
        const me = await second.me(signUp.tokens.access_token)
        expect(me.status).toBe(200)
        expect((await me.json()).id).toBe(signUp.user.id)
        expect(await (await fetch(`${second.server.url}/.well-known/jwks.json`)).json()).toEqual(jwksBefore)
        expect((await second.post('/auth/refresh', { refresh_token: signUp.tokens.refresh_token })).status).toBe(200)
        expect((await second.post('/auth/signin', { email: 'ada@example.com', password: PASSWORD })).status).toBe(200)
        expect((await (await second.me(other.tokens.access_token)).json()).error_code).toBe('SESSION_REVOKED')
      } finally {
        await second.stop()
      }
    },
    PGLITE_TEST_TIMEOUT,
  )

  test(
    'the data directory is private, no file in it holds a plaintext secret, and the lock goes on close',
    async () => {
      const first = await serve()
      const { tokens } = await (
        await first.post('/auth/signup', { email: 'ada@example.com', password: PASSWORD })
      ).json()
      expect(await readdir(dir)).toContain(LOCK_FILE)
      await first.stop()
      expect(await readdir(dir)).toEqual(['pgdata'])
      expect((await stat(dir)).mode & 0o777).toBe(0o700)
      let hashes = 0
      for (const file of await filesUnder(dir)) {
        const bytes = await readFile(file)
        expect(bytes.includes(PASSWORD), file).toBe(false)
        expect(bytes.includes(tokens.refresh_token), file).toBe(false)
        expect(bytes.includes(tokens.access_token), file).toBe(false)
        if (bytes.includes('pbkdf2-sha256$')) hashes++
      }
      // The password hash is stored (the files are the database), only never the password.
      expect(hashes).toBeGreaterThan(0)
    },
    PGLITE_TEST_TIMEOUT,
  )

  test(
    'concurrent writes all land and are there after a restart',
    async () => {
      const store = await createEmbeddedStore(dir, { logger: silentLogger })
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.users.create(userRecord(`usr_${i}`, { email: `u${i}@example.com`, password_hash: null })),
        ),
      )
      await store.close()
      const reopened = await createEmbeddedStore(dir, { logger: silentLogger })
      try {
        for (let i = 0; i < 20; i++) expect(await reopened.users.getByEmail(`u${i}@example.com`)).toBeDefined()
      } finally {
        await reopened.close()
      }
    },
    PGLITE_TEST_TIMEOUT,
  )

  test(
    'a second store on the same directory is refused until the first is closed; a stale lock is taken over',
    async () => {
      const store = await createEmbeddedStore(dir, { logger: silentLogger })
      const refused = await createEmbeddedStore(dir, { logger: silentLogger }).catch((error: unknown) => error)
      expect(refused).toBeInstanceOf(DataDirInUseError)
      expect(refused).toMatchObject({ code: 'DATA_DIR_IN_USE', pid: process.pid })
      expect((refused as Error).message).toMatch(/in use by another store of this process/)
      // The refused attempt left the first store's lock alone.
      expect(await store.ping()).toBe(true)
      await store.users.create(userRecord('usr_1'))
      await store.close()

      // A lock left behind by a process that is gone (PID 2^22 + 1 is above Linux's PID limit).
      await writeFile(join(dir, LOCK_FILE), `${2 ** 22 + 1}\nsomewhere\n`)
      const reopened = await createEmbeddedStore(dir, { logger: silentLogger })
      try {
        expect(await reopened.users.get('usr_1')).toBeDefined()
        expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid}\\n`))
      } finally {
        await reopened.close()
      }
    },
    PGLITE_TEST_TIMEOUT,
  )
})

describe('embedded store maintenance', () => {
  test(
    'the tables are vacuumed and analysed on a timer (PGlite runs no autovacuum), and close waits for a run',
    async () => {
      const { store, client } = await openEmbeddedDatabase(dir, { logger: silentLogger, maintenanceIntervalMs: 200 })
      try {
        await store.users.create(userRecord('usr_1'))
        for (let i = 0; i < 5; i++) await store.users.update('usr_1', { last_sign_in_at: NOW + i })
        const vacuumed = async () =>
          (
            await client.query<{ vacuums: number; analyses: number }>(
              `SELECT vacuum_count::integer AS vacuums, analyze_count::integer AS analyses
               FROM pg_stat_user_tables WHERE relname = 'plinto_users'`,
            )
          ).rows[0]
        await expect
          .poll(async () => (await vacuumed())?.vacuums ?? 0, { timeout: 30_000, interval: 200 })
          .toBeGreaterThan(0)
        expect((await vacuumed())?.analyses).toBeGreaterThan(0)
        expect(await store.users.get('usr_1')).toMatchObject({ last_sign_in_at: NOW + 4 })
      } finally {
        await store.close()
      }
    },
    PGLITE_TEST_TIMEOUT,
  )
})

/** Writes `state` as the file store of earlier versions did: the whole state as JSON in plinto-state.json. */
async function writeLegacyState(state: StoreState): Promise<void> {
  await writeFile(join(dir, 'plinto-state.json'), JSON.stringify(state), { mode: 0o600 })
}

describe('import of an earlier file store data directory', () => {
  test(
    'accounts, sessions and keys made by the server on the file store carry over: tokens issued before still work',
    async () => {
      // The earlier file store was this memory store, written whole to plinto-state.json after each change.
      const state = emptyState()
      const store = createStateStore(state, () => writeLegacyState(state))
      const server = await startServer({ port: 0, mode: 'test', store, logger: silentLogger })
      const signUp = async (email: string) =>
        (
          await fetch(`${server.url}/api/v1/auth/signup`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password: PASSWORD }),
          })
        ).json()
      const ada = await signUp('ada@example.com')
      await signUp('bob@example.com')
      await server.close()

      const logged: unknown[] = []
      const logger: Logger = { ...silentLogger, info: (message, fields) => logged.push({ message, fields }) }
      const upgraded = await serve({ logger })
      try {
        expect(logged).toMatchObject([
          { message: expect.stringMatching(/Imported .*plinto-state\.json/), fields: { users: 2, signingKeys: 1 } },
        ])
        const me = await upgraded.me(ada.tokens.access_token)
        expect(me.status).toBe(200)
        expect((await me.json()).email).toBe('ada@example.com')
        const refreshed = await upgraded.post('/auth/refresh', { refresh_token: ada.tokens.refresh_token })
        expect(refreshed.status).toBe(200)
        expect((await upgraded.post('/auth/signin', { email: 'bob@example.com', password: PASSWORD })).status).toBe(200)
        const taken = await upgraded.post('/auth/signup', { email: 'ADA@example.com', password: PASSWORD })
        expect(taken.status).toBe(409)
      } finally {
        await upgraded.stop()
      }
      // Imported once: the file is kept aside as a backup, and the next start does not read it again.
      expect((await readdir(dir)).sort()).toEqual(['pgdata', 'plinto-state.json.imported'])
      logged.length = 0
      const again = await serve({ logger })
      try {
        expect(logged).toEqual([])
        expect((await again.me(ada.tokens.access_token)).status).toBe(200)
      } finally {
        await again.stop()
      }
    },
    PGLITE_TEST_TIMEOUT,
  )

  test(
    'every collection is imported with its lookups, order and single-use state; orphans are left out and counted',
    async () => {
      const state = emptyState()
      const legacy = createStateStore(state, () => writeLegacyState(state))
      await legacy.users.create(userRecord('usr_1', { username: 'ada', username_normalized: 'ada' }))
      await legacy.users.create(userRecord('usr_2'))
      await legacy.users.update('usr_1', { email: 'renamed@example.com', email_normalized: 'renamed@example.com' })
      const session = sessionRecord('sess_1', 'usr_2')
      const later = sessionRecord('sess_2', 'usr_2', { created_at: NOW + 1 })
      await legacy.sessions.create(session)
      await legacy.sessions.create(later)
      await legacy.refreshTokens.create(refreshTokenRecord('rt_1', session, { expires_at: NOW + MINUTE }))
      await legacy.refreshTokens.create(refreshTokenRecord('rt_2', later))
      expect(await legacy.refreshTokens.markRotated('rt_2', NOW, 'sealed-successor')).toBe(true)
      await legacy.organizations.create(organizationRecord('org_1'), {
        organization_id: 'org_1',
        user_id: 'usr_2',
        role: 'owner',
        joined_at: NOW,
      })
      await legacy.invitations.create(invitationRecord('inv_1', 'org_1', { token_hash: 'ih_1' }))
      await legacy.mfa.put(mfaRecord('usr_1', { totp_last_step: 5 }))
      await legacy.passkeys.create(passkeyRecord('pk_1', 'usr_1', { counter: 3 }))
      await legacy.challenges.create(challengeRecord('k', { user_id: 'usr_1', attempts: 1, expires_at: NOW + MINUTE }))
      await legacy.oauthAccounts.create({
        id: 'idn_1',
        name: 'Ada',
        provider: 'dev',
        provider_user_id: 'p',
        user_id: 'usr_1',
        email: 'a@example.com',
        created_at: NOW,
      })
      // Records of a user the file no longer has: unreachable, and refused by the database's foreign keys.
      state.sessions.sess_ghost = sessionRecord('sess_ghost', 'usr_gone')
      state.mfa.usr_gone = mfaRecord('usr_gone')
      await writeLegacyState(state)

      const logged: Array<{ fields?: Record<string, unknown> }> = []
      const logger: Logger = { ...silentLogger, info: (_message, fields) => logged.push({ fields }) }
      const store = await createEmbeddedStore(dir, { logger })
      try {
        expect(logged[0]?.fields).toMatchObject({ users: 2, sessions: 2, skippedOrphans: { sessions: 1, mfa: 1 } })
        expect(await store.users.getByEmail('renamed@example.com')).toMatchObject({ id: 'usr_1' })
        expect(await store.users.getByEmail('usr_1@example.com')).toBeUndefined()
        expect(await store.users.getByUsername('ada')).toMatchObject({ id: 'usr_1' })
        const taken = await store.users
          .create(userRecord('usr_3', { email: 'renamed@example.com' }))
          .catch((error: unknown) => error)
        expect(taken).toMatchObject({ field: 'email' })
        expect(await store.sessions.listByUser('usr_2')).toEqual([session, later])
        expect(await store.refreshTokens.getByHash('rt_2')).toMatchObject({
          rotated_at: NOW,
          successor_box: 'sealed-successor',
        })
        expect(await store.refreshTokens.markRotated('rt_2', NOW + 1, 'again')).toBe(false)
        expect(await store.memberships.listByUser('usr_2')).toMatchObject([{ organization_id: 'org_1', role: 'owner' }])
        expect(await store.invitations.getByTokenHash('ih_1')).toMatchObject({ id: 'inv_1', status: 'pending' })
        expect(await store.organizations.getBySlug('org-1')).toMatchObject({ id: 'org_1' })
        expect(await store.mfa.get('usr_1')).toEqual(mfaRecord('usr_1', { totp_last_step: 5 }))
        expect(await store.mfa.claimTotpStep('usr_1', 5)).toBe(false)
        expect(await store.passkeys.getByCredentialId('cred_pk_1')).toEqual(
          passkeyRecord('pk_1', 'usr_1', { counter: 3 }),
        )
        expect(await store.challenges.get('k', 'mfa_token', NOW)).toEqual(
          challengeRecord('k', { user_id: 'usr_1', attempts: 1, expires_at: NOW + MINUTE }),
        )
        expect(await store.oauthAccounts.get('dev', 'p')).toMatchObject({ id: 'idn_1', name: 'Ada', user_id: 'usr_1' })
        expect(await store.signingKeys.list()).toEqual([])
        await store.refreshTokens.deleteExpired(NOW + MINUTE)
        expect(await store.refreshTokens.getByHash('rt_1')).toBeUndefined()
        expect(await store.users.delete('usr_2')).toBe(true)
        expect(await store.sessions.listByUser('usr_2')).toEqual([])
      } finally {
        await store.close()
      }
    },
    PGLITE_TEST_TIMEOUT,
  )

  test(
    'a state file written before some collections existed still imports',
    async () => {
      await writeFile(
        join(dir, 'plinto-state.json'),
        JSON.stringify({
          version: 1,
          users: { usr_1: userRecord('usr_1') },
          sessions: {},
          refreshTokens: {},
          emailTokens: {},
          signingKeys: [],
        }),
      )
      const store = await createEmbeddedStore(dir, { logger: silentLogger })
      try {
        expect(await store.users.get('usr_1')).toEqual(userRecord('usr_1'))
        expect(await store.organizations.get('org_1')).toBeUndefined()
        expect(await store.passkeys.listByUser('usr_1')).toEqual([])
      } finally {
        await store.close()
      }
    },
    PGLITE_TEST_TIMEOUT,
  )

  test(
    'a corrupt or foreign state file fails the start loudly, leaves no database and stays for the next try',
    async () => {
      await writeFile(join(dir, 'plinto-state.json'), JSON.stringify({ version: 99 }))
      await expect(createEmbeddedStore(dir, { logger: silentLogger })).rejects.toThrow(/unsupported state version 99/)
      await writeFile(join(dir, 'plinto-state.json'), '{"version": 1, "users": {')
      await expect(createEmbeddedStore(dir, { logger: silentLogger })).rejects.toThrow(/is not valid JSON/)
      expect((await readdir(dir)).sort()).toEqual(['plinto-state.json'])

      const state: StoreState = { ...emptyState(), users: { usr_1: userRecord('usr_1') } }
      await writeLegacyState(state)
      const store = await createEmbeddedStore(dir, { logger: silentLogger })
      try {
        expect(await store.users.get('usr_1')).toBeDefined()
      } finally {
        await store.close()
      }
    },
    PGLITE_TEST_TIMEOUT,
  )
})

// The PostgreSQL store through node-postgres, the production driver, against PGlite served on a local
// port: the app over real HTTP, restarts, connection handling and errors, and plinto-server with
// DATABASE_URL. With PLINTO_TEST_DATABASE_URL set, concurrent starts also race on a real server.
import { createServer } from 'node:net'
import type { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { silentLogger, UniqueConstraintError, type Logger } from '../index'
import { createPostgresStore, pgPoolClient, startServer } from '../node'
import { MIGRATIONS } from '../store/postgres/migrations'
import { run } from './bin-runner'
import { PASSWORD } from './helpers'
import { PGLITE_START_TIMEOUT, servePglite, startPglite, type ServedPglite } from './postgres-helpers'
import { userRecord } from './store-conformance/records'

/** Every migration this package knows, each applied once. */
const MIGRATION_VERSIONS = MIGRATIONS.map((migration) => migration.version)

let db: PGlite
let served: ServedPglite
beforeAll(async () => {
  db = await startPglite()
  served = await servePglite(db)
}, PGLITE_START_TIMEOUT)
afterAll(async () => {
  await served?.stop()
  await db?.close()
})

let schemas = 0
const freshSchema = () => `wire_${++schemas}`

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const record = (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${message} ${JSON.stringify(fields ?? {})}`)
  return { lines, info: record, warn: record, error: record }
}

describe('the PostgreSQL store over node-postgres', () => {
  test('serves the app over HTTP and survives a restart of server and pool', async () => {
    const schema = freshSchema()
    const post = (url: string, path: string, body: unknown) =>
      fetch(`${url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })

    const store = await createPostgresStore({ connectionString: served.url, schema, logger: silentLogger })
    const server = await startServer({ port: 0, mode: 'test', store, logger: silentLogger })
    const signUp = await (
      await post(server.url, '/auth/signup', { email: 'ada@example.com', password: PASSWORD })
    ).json()
    expect((await fetch(`${server.url}/health/readiness`)).status).toBe(200)
    await server.close()
    await store.close()

    const reopened = await createPostgresStore({ connectionString: served.url, schema, logger: silentLogger })
    const again = await startServer({ port: 0, mode: 'test', store: reopened, logger: silentLogger })
    try {
      const me = await fetch(`${again.url}/api/v1/auth/me`, {
        headers: { authorization: `Bearer ${signUp.tokens.access_token}` },
      })
      expect((await me.json()).id).toBe(signUp.user.id)
      expect((await post(again.url, '/auth/refresh', { refresh_token: signUp.tokens.refresh_token })).status).toBe(200)
      expect((await post(again.url, '/auth/signin', { email: 'ADA@example.com', password: PASSWORD })).status).toBe(200)
    } finally {
      await again.close()
      await reopened.close()
    }
  })

  test('a unique violation is a UniqueConstraintError and does not cost the pool its connection', async () => {
    const store = await createPostgresStore({
      connectionString: served.url,
      schema: freshSchema(),
      pool: { max: 2 },
      logger: silentLogger,
    })
    try {
      await store.users.create(userRecord('usr_1'))
      const before = served.connectionsOpened()
      for (let i = 0; i < 10; i++) {
        await expect(
          store.users.create(userRecord(`usr_dup_${i}`, { email: 'usr_1@example.com' })),
        ).rejects.toBeInstanceOf(UniqueConstraintError)
      }
      // A failed statement inside a transaction rolls back and frees its connection as well.
      await expect(
        store.organizations.create(
          { id: 'org_1', name: 'A', slug: 'a', description: null, created_at: 0, updated_at: 0 },
          { organization_id: 'org_1', user_id: 'usr_unknown', role: 'owner', joined_at: 0 },
        ),
      ).rejects.toMatchObject({ code: '23503' })
      expect(await store.organizations.get('org_1')).toBeUndefined()
      expect(await store.users.get('usr_1')).toBeDefined()
      // Were a connection dropped after each error, the pool would have opened new ones.
      expect(served.connectionsOpened()).toBe(before)
    } finally {
      await store.close()
    }
  })

  test('over a pool you own (pgPoolClient): the store works and close() leaves the pool open', async () => {
    const { default: pg } = await import('pg')
    const pool = new pg.Pool({ connectionString: served.url, max: 2 })
    const schema = freshSchema()
    try {
      const store = await createPostgresStore({ client: pgPoolClient(pool), schema })
      await store.users.create(userRecord('usr_1'))
      await store.close()
      expect(await store.ping()).toBe(false)
      const { rows } = await pool.query(`SELECT count(*)::integer AS n FROM "${schema}".plinto_users`)
      expect(rows).toEqual([{ n: 1 }])
    } finally {
      await pool.end()
    }
  })

  test('an unreachable database fails the start with a message that holds no password', async () => {
    const port = await closedPort()
    const error = (await createPostgresStore({
      connectionString: `postgres://plinto:s3cret-pw@127.0.0.1:${port}/plinto`,
      logger: silentLogger,
    }).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toMatch(/ECONNREFUSED/)
    expect(`${error.message} ${error.stack ?? ''}`).not.toContain('s3cret-pw')
  })

  test('ping answers false while the database is gone; dropped idle connections are logged without secrets', async () => {
    const own = await servePglite(db)
    const logger = recordingLogger()
    const store = await createPostgresStore({
      connectionString: own.url,
      schema: freshSchema(),
      logger,
      pool: { connectionTimeoutMillis: 2_000 },
    })
    try {
      expect(await store.ping()).toBe(true)
      await own.stop()
      expect(await store.ping()).toBe(false)
      expect(logger.lines.join('\n')).not.toContain('s3cret-pw')
    } finally {
      await store.close()
    }
  })
})

describe('plinto-server with DATABASE_URL', { timeout: 30_000 }, () => {
  test.each([
    [['--database-url', 'postgres://u:s3cret-pw@127.0.0.1/db', '--data-dir', '/tmp/x']],
    [['--database-url', 'mysql://u:s3cret-pw@127.0.0.1/db']],
  ])('%j is a usage error that never echoes the URL', async (args) => {
    const bin = run(args)
    expect(await bin.exited).toBe(2)
    expect(bin.output().stderr).toMatch(/^plinto-server: .+\nRun plinto-server --help for usage\.\n$/)
    expect(bin.output().stderr).not.toContain('s3cret-pw')
  })

  test('DATABASE_URL together with PLINTO_DATA_DIR is a usage error; a flag wins over both', async () => {
    const both = run(['--port', '0'], { DATABASE_URL: served.url, PLINTO_DATA_DIR: '/tmp/plinto-unused' })
    expect(await both.exited).toBe(2)
    expect(both.output().stderr).toMatch(/Set only one of PLINTO_MEMORY, PLINTO_DATA_DIR and DATABASE_URL/)

    const flagWins = run(['--port', '0', '--memory', '--mode', 'test'], {
      DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db',
    })
    await flagWins.waitFor(/data in memory/)
    flagWins.child.kill('SIGTERM')
    expect(await flagWins.exited).toBe(0)
  })

  test('production mode accepts it; the startup line names host and database only; data survives a restart', async () => {
    const schemaFree = served.url // the bin uses the public schema of this database
    const first = run(['--port', '0', '--mode', 'production'], { DATABASE_URL: schemaFree })
    const [, line, url] = await first.waitFor(/^(.*) listening on (http:\/\/\S+)\n/m)
    expect(line).toBe(`Plinto reference server (production, data in PostgreSQL (${served.hostPort}/postgres))`)
    expect(first.output().stdout + first.output().stderr).not.toContain('s3cret-pw')
    const signUp = await fetch(`${url}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'grace@example.com', password: PASSWORD }),
    })
    expect(signUp.status).toBe(201)
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const second = run(['--port', '0', '--mode', 'test', '--database-url', schemaFree])
    const [, secondUrl] = await second.waitFor(/listening on (http:\/\/\S+)\n/)
    const signIn = await fetch(`${secondUrl}/api/v1/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'grace@example.com', password: PASSWORD }),
    })
    expect(signIn.status).toBe(200)
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  })

  test('a database that cannot be reached exits 1 without printing the password', async () => {
    const bin = run(['--port', '0'], {
      DATABASE_URL: `postgres://plinto:s3cret-pw@127.0.0.1:${await closedPort()}/plinto`,
    })
    expect(await bin.exited).toBe(1)
    expect(bin.output().stderr).toMatch(/^plinto-server: could not start: .*ECONNREFUSED/)
    expect(bin.output().stdout + bin.output().stderr).not.toContain('s3cret-pw')
  })
})

// PLINTO_TEST_DATABASE_URL, or the throwaway cluster of src/__tests__/postgres-cluster.ts.
const realDatabase = inject('postgresUrl')
describe.skipIf(!realDatabase)('concurrent starts on a real PostgreSQL', () => {
  test('five stores start at once on an empty schema: one migrates, none fails', async () => {
    const schema = `plinto_race_${Date.now()}`
    const stores = await Promise.all(
      Array.from({ length: 5 }, () =>
        createPostgresStore({ connectionString: realDatabase!, schema, logger: silentLogger }),
      ),
    )
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: realDatabase })
    await client.connect()
    try {
      const { rows } = await client.query(`SELECT version FROM "${schema}".plinto_migrations ORDER BY version`)
      expect(rows.map((r: { version: number }) => r.version)).toEqual(MIGRATION_VERSIONS)
    } finally {
      await client.query(`DROP SCHEMA "${schema}" CASCADE`)
      await client.end()
      await Promise.all(stores.map((store) => store.close()))
    }
  })
})

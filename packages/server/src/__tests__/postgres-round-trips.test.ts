// How many statements and pool checkouts one request costs on PostgreSQL: counted on the real driver path (a
// node-postgres pool against a real server), by an instrumented pool under the store's own SqlClient adapter.
// The numbers are the contract of the store's request paths: one join to authenticate, one statement for each
// write step (sign-in, rotation), every statement on its own checkout with nothing held between them.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest'
import type { PlintoApp, PlintoStore } from '../index'
import { createPostgresStore, pgPoolClient, type PgPoolConnectionLike, type PgPoolLike } from '../node'
import { call, PASSWORD, signIn, signUp, testApp } from './helpers'

/** What the store sent while one request ran. */
interface Traffic {
  /** Connections checked out of the pool. */
  checkouts: number
  /** Every statement sent, transaction control (`BEGIN`, `COMMIT`) included. */
  statements: string[]
}

/** Wraps a pool so every checkout and every statement on a checked-out connection is recorded. */
function instrumented(pool: PgPoolLike): { pool: PgPoolLike; traffic: Traffic } {
  const traffic: Traffic = { checkouts: 0, statements: [] }
  return {
    traffic,
    pool: {
      async connect() {
        const connection = await pool.connect()
        traffic.checkouts++
        const counted: PgPoolConnectionLike = {
          query: (text, values) => {
            traffic.statements.push(text.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim())
            return connection.query(text, values)
          },
          release: (destroy) => connection.release(destroy),
          on: (event, listener) => connection.on(event, listener),
          off: (event, listener) => connection.off(event, listener),
        }
        return counted
      },
      end: () => pool.end(),
    },
  }
}

const realDatabase = inject('postgresUrl')
describe.skipIf(!realDatabase)('round trips per request on PostgreSQL', () => {
  let pool: PgPoolLike
  let traffic: Traffic
  let store: PlintoStore
  let app: PlintoApp
  let now = Date.UTC(2030, 0, 1)

  /** Runs `request` and answers what it cost; the request must succeed. */
  const measure = async (request: () => Promise<{ status: number }>, status = 200) => {
    traffic.checkouts = 0
    traffic.statements = []
    const reply = await request()
    expect(reply.status).toBe(status)
    return { checkouts: traffic.checkouts, statements: [...traffic.statements] }
  }

  beforeAll(async () => {
    const { default: pg } = await import('pg')
    const wrapped = instrumented(new pg.Pool({ connectionString: realDatabase, max: 4 }))
    pool = wrapped.pool
    traffic = wrapped.traffic
    store = await createPostgresStore({ client: pgPoolClient(pool), schema: 'plinto_round_trips' })
    await store.signingKeys.list()
  })
  afterAll(async () => {
    await store?.close()
    await pool?.end()
  })
  beforeEach(async () => {
    now += 3_600_000
    app = testApp({ store, clock: { now: () => now } })
    await app.plinto.keys()
  })

  test('sign-in: the account read, then one statement that starts the session (one commit)', async () => {
    const email = `signin-${now}@example.com`
    await signUp(app, email)
    const cost = await measure(() => signIn(app, email, PASSWORD))
    expect(cost.statements).toHaveLength(2)
    expect(cost.checkouts).toBe(2)
    expect(cost.statements[0]).toMatch(/^SELECT \* FROM "plinto_round_trips"\.plinto_users WHERE email_normalized/)
    // Session, first refresh token and last_sign_in_at in one statement: no BEGIN/COMMIT round trips.
    expect(cost.statements[1]).toMatch(/^WITH signed_in AS \(UPDATE .*plinto_users .*INSERT INTO .*plinto_sessions/)
    expect(cost.statements.some((text) => /^(BEGIN|COMMIT)$/.test(text))).toBe(false)
  })

  test('GET /auth/me: one statement joins the session and its user', async () => {
    const { tokens } = await signUp(app, `me-${now}@example.com`)
    const cost = await measure(() => call(app, 'GET', '/api/v1/auth/me', { token: tokens.access_token }))
    expect(cost).toEqual({
      checkouts: 1,
      statements: [expect.stringMatching(/plinto_sessions s JOIN .*plinto_users u/)],
    })
    // Once a minute the request also records the session's activity: one more statement, only then.
    now += 60_000
    const later = await measure(() => call(app, 'GET', '/api/v1/auth/me', { token: tokens.access_token }))
    expect(later.statements).toHaveLength(2)
    expect(later.statements[1]).toMatch(/^UPDATE .*plinto_sessions SET last_active_at/)
    expect(later.checkouts).toBe(2)
  })

  test('refresh: one read of the token and its session, then one statement that rotates', async () => {
    const { tokens } = await signUp(app, `refresh-${now}@example.com`)
    const body = { refresh_token: tokens.refresh_token }
    const cost = await measure(() => call(app, 'POST', '/api/v1/auth/refresh', { body }))
    expect(cost.checkouts).toBe(2)
    expect(cost.statements).toHaveLength(2)
    expect(cost.statements[0]).toMatch(/plinto_refresh_tokens rt LEFT JOIN .*plinto_sessions s/)
    expect(cost.statements[1]).toMatch(/^WITH claimed AS \(UPDATE .*plinto_refresh_tokens/)
    // The grace-window answer reads the token once and writes nothing.
    const again = await measure(() => call(app, 'POST', '/api/v1/auth/refresh', { body }))
    expect(again).toEqual({ checkouts: 1, statements: [cost.statements[0]] })
  })
})

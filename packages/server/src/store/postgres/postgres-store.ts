import { consoleLogger, type Logger } from '../../logger'
import type { SqlClient, SqlQueryable } from './sql-client'
import { postgresChallenges, postgresMfa, postgresOAuthAccounts, postgresPasskeys } from './factors'
import { migrate } from './migrations'
import { postgresInvitations, postgresMemberships, postgresOrganizations } from './organizations'
import { postgresOutbox } from './outbox'
import { openPgPool, pgPoolClient, type PgPoolLike, type PostgresPoolOptions } from './pg-client'
import { postgresRateLimits } from './rate-limits'
import { postgresRefreshTokens, postgresSessions, postgresSigningKeys } from './sessions'
import { tableNames, type PostgresContext } from './sql'
import { postgresEmailTokens, postgresUsers } from './users'
import type { PlintoStore, StoreRepositories } from '../types'

/**
 * Options of {@link createPostgresStore}: a connection string (the store opens, and on `close()` ends, its
 * own node-postgres pool) or a {@link SqlClient} you own.
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = {
 *   connectionString: process.env.DATABASE_URL!,
 *   pool: { max: 20 },
 *   schema: 'auth',
 * }
 * ```
 */
export type PostgresStoreOptions = PostgresConnectionOptions | PostgresClientOptions

/**
 * {@link createPostgresStore} over its own pool.
 *
 * @example
 * ```ts
 * const options: PostgresConnectionOptions = { connectionString: 'postgres://plinto:secret@db.internal:5432/plinto' }
 * ```
 */
export interface PostgresConnectionOptions extends PostgresCommonOptions {
  /** `postgres://user:password@host:port/database?sslmode=require` (as `DATABASE_URL` usually holds it). */
  connectionString: string
  pool?: PostgresPoolOptions
  /** Receives errors of idle pool connections (a database restart, say). Default: the console logger. */
  logger?: Logger
  client?: never
}

/**
 * {@link createPostgresStore} over a client you own (your own `pg.Pool` through {@link pgPoolClient}, or
 * PGlite through {@link pgliteClient}); `close()` leaves it open.
 *
 * @example
 * ```ts
 * const options: PostgresClientOptions = { client: pgliteClient(await PGlite.create()) }
 * ```
 */
export interface PostgresClientOptions extends PostgresCommonOptions {
  client: SqlClient
  connectionString?: never
}

/**
 * Options of {@link createPostgresStore} for either connection.
 *
 * @example
 * ```ts
 * const common: PostgresCommonOptions = { schema: 'plinto' }
 * ```
 */
export interface PostgresCommonOptions {
  /** Schema of the `plinto_*` tables, created if missing (a lower-case identifier). Default `public`. */
  schema?: string
}

/**
 * A durable store in PostgreSQL, for deployments that run the reference server in one or many processes.
 * Tables are named `plinto_*`; the store creates and upgrades them itself at start (versioned migrations in
 * `plinto_migrations`, applied under an advisory lock, so concurrent starts are safe). It behaves exactly
 * like the memory store: the same uniqueness errors, the same list order, the same single-use guarantees
 * (here across processes too: a refresh token rotates once, an email token or a challenge is consumed
 * once, whichever process gets the request). Every accepted write is committed when its promise resolves.
 *
 * With `connectionString`, node-postgres (`pg`) is loaded on this call, so servers on other stores never
 * load it.
 *
 * @example
 * ```ts
 * import { createPlintoApp } from '@plinto/server'
 * import { createPostgresStore, startServer } from '@plinto/server/node'
 *
 * const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL! })
 * const server = await startServer({ port: 8000, mode: 'production', store })
 * // on shutdown: await server.close(); await store.close()
 * ```
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PlintoStore> {
  const t = tableNames(options.schema)
  let pool: PgPoolLike | undefined
  let db: SqlClient
  if (options.client) {
    db = options.client
  } else {
    const logger = options.logger ?? consoleLogger
    pool = await openPgPool(options.connectionString, options.pool ?? {}, (error) =>
      logger.error('PostgreSQL connection lost', { error: error.message }),
    )
    db = pgPoolClient(pool)
  }
  try {
    await migrate(db, t)
  } catch (error) {
    await pool?.end()
    throw error
  }

  const context: PostgresContext = { db, t }
  let closed = false
  return {
    ...repositories(context),
    transaction: (fn) => db.transaction((tx) => fn(repositories({ db: transactionClient(tx), t }))),
    async ping() {
      if (closed) return false
      try {
        await db.query('SELECT 1')
        return true
      } catch {
        return false
      }
    },
    // Each operation resolves after its statement (or transaction) committed: nothing is left to flush.
    flush: () => Promise.resolve(),
    async close() {
      if (closed) return
      closed = true
      await pool?.end()
    },
  }
}

function repositories(context: PostgresContext): StoreRepositories {
  return {
    users: postgresUsers(context),
    sessions: postgresSessions(context),
    refreshTokens: postgresRefreshTokens(context),
    emailTokens: postgresEmailTokens(context),
    signingKeys: postgresSigningKeys(context),
    organizations: postgresOrganizations(context),
    memberships: postgresMemberships(context),
    invitations: postgresInvitations(context),
    mfa: postgresMfa(context),
    challenges: postgresChallenges(context),
    passkeys: postgresPasskeys(context),
    oauthAccounts: postgresOAuthAccounts(context),
    rateLimits: postgresRateLimits(context),
    outbox: postgresOutbox(context),
  }
}

/**
 * The connection of an open transaction as a {@link SqlClient}: statements run on it, and a repository
 * that opens a transaction of its own (e.g. `users.delete`) gets a savepoint inside this one, so its
 * all-or-nothing rule still holds and a failure it recovers from does not abort the outer transaction.
 */
function transactionClient(tx: SqlQueryable): SqlClient {
  let savepoints = 0
  return {
    query: (text, params) => tx.query(text, params),
    async transaction(fn) {
      const name = `plinto_savepoint_${++savepoints}`
      await tx.query(`SAVEPOINT ${name}`)
      try {
        const result = await fn(tx)
        await tx.query(`RELEASE SAVEPOINT ${name}`)
        return result
      } catch (error) {
        await tx.query(`ROLLBACK TO SAVEPOINT ${name}`)
        throw error
      }
    },
  }
}

// node-postgres adapter of SqlClient: the production driver of the PostgreSQL store.
import type { ConnectionOptions } from 'node:tls'
import type { SqlClient, SqlResult } from './sql-client'

/**
 * The part of a node-postgres `Pool` that {@link pgPoolClient} uses (typed here so the package's types do
 * not depend on `@types/pg`).
 *
 * @example
 * ```ts
 * import pg from 'pg'
 * const pool: PgPoolLike = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * ```
 */
export interface PgPoolLike {
  /** Checks a connection out of the pool (waits if all are busy); the adapter always releases it. */
  connect(): Promise<PgPoolConnectionLike>
  /** Closes every connection of the pool; call it on shutdown, after `store.close()`. */
  end(): Promise<void>
}

/**
 * A connection checked out of a node-postgres pool.
 *
 * @example
 * ```ts
 * const connection: PgPoolConnectionLike = await pool.connect()
 * connection.release()
 * ```
 */
export interface PgPoolConnectionLike {
  /** Runs one statement with `$1…` parameters on this connection; resolves with its rows. */
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
  /** With an error (or `true`) the pool destroys the connection instead of reusing it. */
  release(destroy?: Error | boolean): void
  /** Adds a listener for errors of this connection (e.g. the server ended it) while it is checked out. */
  on(event: 'error', listener: (error: Error) => void): unknown
  /** Removes a listener added with `on`, before the connection goes back to the pool. */
  off(event: 'error', listener: (error: Error) => void): unknown
}

/**
 * Connection pool settings of a PostgreSQL store opened from a connection string.
 *
 * @example
 * ```ts
 * const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL!, pool: { max: 20 } })
 * ```
 */
export interface PostgresPoolOptions {
  /** Most connections open at once. Default 10. */
  max?: number
  /** An idle connection is closed after this many ms. Default 30 000. */
  idleTimeoutMillis?: number
  /**
   * Opening a connection fails after this many ms (so a request cannot wait forever on a dead database). Default 10
   * 000.
   */
  connectionTimeoutMillis?: number
  /** Server-side limit of one statement, ms (`statement_timeout`). Default none. */
  statementTimeoutMillis?: number
  /** TLS: `true`, or Node's TLS options (`{ ca, rejectUnauthorized }`). Default: what the URL's `sslmode` says. */
  ssl?: boolean | ConnectionOptions
}

/**
 * Wraps a node-postgres `Pool` as a {@link SqlClient}. Each statement and each transaction checks out one
 * connection and returns it afterwards; a connection that failed below SQL (network, protocol) is destroyed
 * rather than handed to the next caller. The pool stays yours: end it yourself.
 *
 * @example
 * ```ts
 * import pg from 'pg'
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * const store = await createPostgresStore({ client: pgPoolClient(pool) })
 * // on shutdown: await store.close(); await pool.end()
 * ```
 */
export function pgPoolClient(pool: PgPoolLike): SqlClient {
  // Checks a connection out for `work`. A connection that dies while checked out emits 'error', which
  // would crash the process with no listener; the listener here notes it so the pool drops the connection
  // (the statement in flight fails on its own). So does an error below SQL (network, protocol); a server
  // error such as a constraint violation leaves the connection usable.
  const withConnection = async <T>(
    work: (connection: PgPoolConnectionLike, markBroken: (error: Error) => void) => Promise<T>,
  ): Promise<T> => {
    const connection = await pool.connect()
    let broken: Error | undefined
    const onError = (error: Error) => {
      broken = error
    }
    connection.on('error', onError)
    const release = (error?: Error) => {
      connection.off('error', onError)
      connection.release(broken ?? error)
    }
    try {
      const result = await work(connection, onError)
      release()
      return result
    } catch (error) {
      release(isServerError(error) ? undefined : (error as Error))
      throw error
    }
  }
  const queryOn =
    (connection: PgPoolConnectionLike) =>
    async <Row>(text: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> => {
      const { rows } = await connection.query(text, [...params])
      return { rows: rows as Row[] }
    }

  return {
    query: <Row>(text: string, params?: readonly unknown[]) =>
      withConnection((connection) => queryOn(connection)<Row>(text, params)),
    transaction: (fn) =>
      withConnection(async (connection, markBroken) => {
        await connection.query('BEGIN')
        try {
          const result = await fn({ query: queryOn(connection) })
          await connection.query('COMMIT')
          return result
        } catch (error) {
          // Whatever failed (a statement, the caller's code, COMMIT), the connection goes back to the pool
          // only if it could be brought out of the transaction.
          await connection.query('ROLLBACK').catch(markBroken)
          throw error
        }
      }),
  }
}

/**
 * Opens a node-postgres pool. `pg` is imported here, on first use, so servers on the memory or file store
 * never load it.
 */
export async function openPgPool(
  connectionString: string,
  options: PostgresPoolOptions,
  onIdleError: (error: Error) => void,
): Promise<PgPoolLike> {
  const pg = await importPg()
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    fallback_application_name: 'plinto-server',
    ...(options.statementTimeoutMillis !== undefined && { statement_timeout: options.statementTimeoutMillis }),
    ...(options.ssl !== undefined && { ssl: options.ssl }),
  })
  // An idle connection that dies (database restart, network) emits 'error' on the pool; unhandled, that
  // would crash the process. The pool replaces it on the next checkout.
  pool.on('error', onIdleError)
  return pool
}

/**
 * Thrown when the PostgreSQL store is opened from a connection string but node-postgres is not installed:
 * `pg` is an optional peer dependency of `@plinto/server`, so apps on the memory or file store never install
 * it. Compare `code` (it also works across two copies of the package).
 *
 * @example
 * ```ts
 * try {
 *   await createPostgresStore({ connectionString: process.env.DATABASE_URL! })
 * } catch (error) {
 *   if ((error as { code?: string }).code === 'MISSING_DEPENDENCY') console.error('run: npm install pg')
 *   throw error
 * }
 * ```
 */
export class MissingDependencyError extends Error {
  override readonly name = 'MissingDependencyError'
  readonly code = 'MISSING_DEPENDENCY'
  /** The npm package to install. */
  readonly packageName: string

  constructor(packageName: string, neededBy: string, options?: { cause?: unknown }) {
    super(
      `${neededBy} needs the "${packageName}" package, which is not installed. Install it: npm install ${packageName}`,
      options,
    )
    this.packageName = packageName
  }
}

/** Loads `pg`, turning "not installed" (ESM or CommonJS resolution) into a {@link MissingDependencyError}. */
async function importPg() {
  try {
    return (await import('pg')).default
  } catch (error) {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
    // Only `pg` itself: a missing dependency *of* pg names another package and stays as it is.
    const notFound =
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && /['"]pg['"]/.test(String(message))
    if (notFound) throw new MissingDependencyError('pg', 'The PostgreSQL store (connectionString)', { cause: error })
    throw error
  }
}

/** An error the server reported (it has a SQLSTATE severity): the connection itself is still usable. */
function isServerError(error: unknown): boolean {
  return typeof (error as { severity?: unknown } | null)?.severity === 'string'
}

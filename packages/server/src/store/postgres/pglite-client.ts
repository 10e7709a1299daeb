// PGlite adapter of SqlClient: the PostgreSQL store over PostgreSQL compiled to WebAssembly, in-process.
// Used by this package's tests and handy in yours; PGlite itself is not a dependency of @plinto/server.
import type { SqlClient, SqlQueryable, SqlResult } from './sql-client'

/**
 * The part of a PGlite instance (`@electric-sql/pglite`) that {@link pgliteClient} uses.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite'
 * const db: PgliteLike = await PGlite.create()
 * ```
 */
export interface PgliteLike {
  /** Runs one statement with `$1…` parameters; resolves with its rows. */
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>
  /** Runs `fn` in a transaction: commits if it resolves, rolls back if it throws. */
  transaction<T>(
    fn: (tx: { query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }> }) => Promise<T>,
  ): Promise<T>
}

/**
 * Wraps a PGlite instance as a {@link SqlClient}. PGlite is one connection: its transactions run one at a
 * time, and statements from outside wait for them. The instance stays yours: close it yourself.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite'
 * import { createPostgresStore, pgliteClient } from '@plinto/server/node'
 * const db = await PGlite.create()
 * const store = await createPostgresStore({ client: pgliteClient(db) })
 * ```
 */
export function pgliteClient(db: PgliteLike): SqlClient {
  const wrap = (target: Pick<PgliteLike, 'query'>): SqlQueryable => ({
    query: async <Row>(text: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> => {
      const { rows } = await target.query<Row>(text, [...params])
      return { rows }
    },
  })
  return {
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
  }
}

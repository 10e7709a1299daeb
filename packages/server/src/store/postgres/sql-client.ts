// The small SQL surface the PostgreSQL store is written against, so one store runs on node-postgres in
// production and on PGlite (PostgreSQL in WebAssembly) in tests, with the same SQL.

/**
 * Rows returned by a query.
 *
 * @example
 * ```ts
 * const { rows }: SqlResult<{ id: string }> = await client.query('SELECT id FROM plinto_users')
 * ```
 */
export interface SqlResult<Row> {
  rows: Row[]
}

/**
 * Something that runs one parameterised SQL statement at a time: a connection pool, or the connection of a
 * transaction. Values always travel as parameters (`$1`, `$2`, …), never spliced into the text.
 *
 * @example
 * ```ts
 * const { rows } = await db.query<{ id: string }>('SELECT id FROM plinto_users WHERE email_normalized = $1', [email])
 * ```
 */
export interface SqlQueryable {
  /**
   * Runs one statement with `$1…` parameters (never spliced into `text`); resolves with its rows, rejects on any
   * database error.
   */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<Row>>
}

/**
 * What {@link createPostgresStore} needs from a database: single statements, and transactions that run on
 * one connection and commit only if `fn` resolves (and roll back if it throws). Adapters:
 * {@link pgPoolClient} (node-postgres, production) and {@link pgliteClient} (PGlite, tests).
 *
 * @example
 * ```ts
 * const client: SqlClient = pgliteClient(await PGlite.create())
 * const count = await client.transaction(async (tx) => (await tx.query('SELECT 1 AS one')).rows.length)
 * ```
 */
export interface SqlClient extends SqlQueryable {
  /**
   * Runs `fn` on one connection inside `BEGIN`…`COMMIT`; rolls back and rethrows if `fn` throws. Resolves with what
   * `fn` resolved with.
   */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>
}

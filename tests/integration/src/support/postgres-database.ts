// A database of its own on the PostgreSQL server the tests share: what a cluster of server processes starts on.
import pg from 'pg'
// The `postgresUrl` the global setup provides (typed by its declaration of vitest's ProvidedContext).
import type {} from '../../../../packages/server/src/__tests__/postgres-cluster'

/** A fresh, empty database, and a way to read it and to drop it. */
export interface TestDatabase {
  /** `postgres://…/plinto_it_…`: the new database. */
  readonly url: string
  /** Runs one statement on the database (a connection per call). */
  query<T extends pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>
  /** Drops the database (ends its leftover connections first). */
  drop(): Promise<void>
}

/**
 * Creates an empty database on the server at `serverUrl` (the `postgresUrl` the global setup of
 * packages/server/src/__tests__/postgres-cluster.ts provides), so each cluster starts on nothing.
 *
 * @example
 * ```ts
 * const database = await createTestDatabase(inject('postgresUrl')!)
 * // … start servers with --database-url database.url
 * await database.drop()
 * ```
 */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `plinto_it_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    query: async (text, params) => (await withClient(url.toString(), (client) => client.query(text, params))).rows,
    async drop() {
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

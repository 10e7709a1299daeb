// PostgreSQL for the tests, without a PostgreSQL server: PGlite (PostgreSQL compiled to WebAssembly) in
// the test process, and the same instance served over the wire protocol so node-postgres can connect.
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import type { SqlQueryable } from '../node'

/** PGlite takes a few seconds to start (longer on a busy 2-core machine): hooks that start one get this. */
export const PGLITE_START_TIMEOUT = 60_000

/** A fresh in-memory PGlite. Start one per test file and share it; it costs seconds and ~0.5 GB. */
export function startPglite(): Promise<PGlite> {
  return PGlite.create()
}

/**
 * Serves `db` on a free port of 127.0.0.1 over the PostgreSQL wire protocol. The password in the URL is
 * ignored by PGlite; it is there so tests can check that it never shows up anywhere.
 */
export async function servePglite(db: PGlite): Promise<ServedPglite> {
  // Several connections, so a pool can replace one it dropped without waiting for the old one to close.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 20 })
  let opened = 0
  server.addEventListener('connection', () => opened++)
  await server.start()
  const hostPort = server.getServerConn()
  return {
    url: `postgres://plinto:s3cret-pw@${hostPort}/postgres`,
    hostPort,
    connectionsOpened: () => opened,
    stop: () => server.stop(),
  }
}

/** A PGlite instance listening on a local port. */
export interface ServedPglite {
  /** `postgres://…` with a password that must never be printed. */
  url: string
  /** `127.0.0.1:PORT` */
  hostPort: string
  /** How many connections clients have opened so far. */
  connectionsOpened(): number
  stop(): Promise<void>
}

/** Empties every `plinto_*` table of `schema` (not the migrations record): a clean state in milliseconds. */
export async function truncatePlintoTables(db: SqlQueryable, schema = 'public'): Promise<void> {
  const { rows } = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename LIKE 'plinto\\_%' AND tablename <> 'plinto_migrations'`,
    [schema],
  )
  if (rows.length === 0) return
  await db.query(`TRUNCATE ${rows.map((row) => `"${schema}".${row.tablename}`).join(', ')} RESTART IDENTITY CASCADE`)
}

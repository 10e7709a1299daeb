import { constants } from 'node:fs'
import { access, mkdir, open, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { consoleLogger, type Logger } from '../../logger'
import { createPostgresStore } from '../postgres/postgres-store'
import { pgliteClient } from '../postgres/pglite-client'
import { migrate } from '../postgres/migrations'
import { tableNames } from '../postgres/sql'
import type { SqlClient } from '../postgres/sql-client'
import type { PlintoStore } from '../types'
import { lockDataDir } from './data-dir-lock'
import { importLegacyState, LEGACY_STATE_FILE, readLegacyState } from './legacy-state-import'
import { openDurablePglite } from './pglite-on-disk'

/**
 * Name of the database directory (PGlite's PostgreSQL data directory) inside the data directory.
 *
 * @example
 * ```ts
 * const database = join(dataDir, EMBEDDED_DATABASE_DIR) // back it up while the server is stopped
 * ```
 */
export const EMBEDDED_DATABASE_DIR = 'pgdata'

/**
 * Options of {@link createEmbeddedStore}.
 *
 * @example
 * ```ts
 * const options: EmbeddedStoreOptions = { logger: silentLogger }
 * ```
 */
export interface EmbeddedStoreOptions {
  /**
   * Where the one-time import of an earlier `plinto-state.json` and a failed maintenance run are reported.
   * Default: the console logger.
   */
  logger?: Logger
}

/** How often the tables are vacuumed and analysed (PGlite runs no autovacuum). */
const MAINTENANCE_INTERVAL_MS = 60 * 60_000

/**
 * The durable store in a directory: the PostgreSQL store, with its very SQL and migrations, running on
 * PGlite (PostgreSQL compiled to WebAssembly) inside this process, its database in `DIR/pgdata`. Lookups use
 * the tables' indexes and each write commits only its own rows, so a request costs the same with 1,000 or
 * 50,000 accounts. Every write is committed and fsynced when its promise resolves: a crash (or `kill -9`)
 * loses nothing acknowledged, and the next start recovers as PostgreSQL does.
 *
 * One process at a time: the directory is locked (`DIR/plinto.lock`), and a second store on it, in this
 * process or another, fails with {@link DataDirInUseError} instead of corrupting it. To run several server
 * processes, use a PostgreSQL server ({@link createPostgresStore}).
 *
 * A directory written by the file store of earlier versions (`DIR/plinto-state.json`) is imported on the
 * first start, in one step (the database appears only once the import is complete); the file is then kept
 * as `plinto-state.json.imported`.
 *
 * @example
 * ```ts
 * import { createEmbeddedStore, startServer } from '@plinto/server/node'
 * const store = await createEmbeddedStore('.plinto-data')
 * const server = await startServer({ port: 8000, mode: 'production', store })
 * // on shutdown: await server.close(); await store.close()
 * ```
 */
export async function createEmbeddedStore(dir: string, options: EmbeddedStoreOptions = {}): Promise<PlintoStore> {
  return (await openEmbeddedDatabase(dir, options)).store
}

/**
 * {@link createEmbeddedStore}, plus SQL access to its database for this package's tests (they empty the
 * tables between cases instead of paying for a new database each time).
 */
export async function openEmbeddedDatabase(
  dir: string,
  options: EmbeddedStoreOptions & { maintenanceIntervalMs?: number } = {},
): Promise<{ store: PlintoStore; client: SqlClient }> {
  const logger = options.logger ?? consoleLogger
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const unlock = await lockDataDir(dir)
  let db: PGlite | undefined
  try {
    const database = join(dir, EMBEDDED_DATABASE_DIR)
    if (!(await exists(join(database, 'PG_VERSION')))) await createDatabase(dir, database, logger)
    await retireLegacyState(dir)
    db = await openDurablePglite(database)
    const client = pgliteClient(db)
    const store = await createPostgresStore({ client })
    const opened = db
    let closed = false
    // PostgreSQL in single-user mode has no autovacuum: without this, the dead row versions that every update
    // leaves (a refresh, a sign-in's last_sign_in_at) would pile up in tables and indexes, and the planner
    // would never get statistics. One table at a time, so requests get their turn in between (PGlite runs
    // one statement at a time, on this thread).
    let maintaining: Promise<void> | undefined
    const maintain = async () => {
      const { rows } = await client.query<{ name: string }>(
        `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'plinto\\_%'`,
      )
      for (const { name } of rows) {
        if (closed) return
        await client.query(`VACUUM (ANALYZE) ${name}`)
      }
    }
    const timer = setInterval(() => {
      if (maintaining) return
      maintaining = maintain()
        .catch((error: unknown) => logger.error('Embedded database maintenance failed', { error: String(error) }))
        .finally(() => {
          maintaining = undefined
        })
    }, options.maintenanceIntervalMs ?? MAINTENANCE_INTERVAL_MS)
    timer.unref()
    return {
      client,
      store: {
        ...store,
        async ping() {
          return !closed && (await store.ping())
        },
        async close() {
          if (closed) return
          closed = true
          clearInterval(timer)
          await maintaining
          await store.close()
          // A clean shutdown: PostgreSQL checkpoints, so the next start has no WAL to replay.
          await opened.close()
          await unlock()
        },
      },
    }
  } catch (error) {
    await db?.close().catch(() => undefined)
    await unlock()
    throw error
  }
}

/**
 * Creates the database in a directory aside and moves it into place once complete, so a crash during
 * creation (or during the import of an earlier state file, done here) leaves no half-made database: the next
 * start begins again.
 */
async function createDatabase(dir: string, database: string, logger: Logger): Promise<void> {
  const building = `${database}.new`
  await rm(building, { recursive: true, force: true })
  const legacyFile = join(dir, LEGACY_STATE_FILE)
  const legacy = await readLegacyState(legacyFile)
  const db = await openDurablePglite(building)
  try {
    const client = pgliteClient(db)
    const t = tableNames()
    await migrate(client, t)
    if (legacy) {
      const counts = await client.transaction((tx) => importLegacyState(tx, t, legacy))
      // Statistics for the planner from the start, rather than after the first maintenance run.
      await client.query('ANALYZE')
      logger.info(`Imported ${legacyFile} into the embedded database`, {
        ...counts.imported,
        ...(Object.keys(counts.orphans).length > 0 && { skippedOrphans: counts.orphans }),
      })
    }
  } finally {
    await db.close()
  }
  await rename(building, database)
  await syncDirectory(dir)
}

/** After an import, the old state file is kept beside the database, renamed, as a backup. */
async function retireLegacyState(dir: string): Promise<void> {
  const file = join(dir, LEGACY_STATE_FILE)
  if (!(await exists(file))) return
  await rename(file, `${file}.imported`)
  await syncDirectory(dir)
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK)
    return true
  } catch {
    return false
  }
}

/** Makes renames in `dir` durable (a directory's entries are flushed by fsync on the directory). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

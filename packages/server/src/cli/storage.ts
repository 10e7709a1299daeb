// Where plinto-server keeps its data: memory, a data directory, or PostgreSQL.
import type { PlintoMode } from '../config'
import { createEmbeddedStore } from '../store/embedded/embedded-store'
import { createMemoryStore } from '../store/memory/memory-store'
import { createPostgresStore } from '../store/postgres/postgres-store'
import type { PlintoStore } from '../store/types'
import { isTruthy, UsageError } from './values'

/** Where the server keeps its data. */
export type Storage = { kind: 'memory' } | { kind: 'file'; dir: string } | { kind: 'postgres'; url: string }

// Storage: a flag (any one) wins over all the variables; two flags, or two variables, are a contradiction.
export function parseStorage(
  memoryFlag: boolean,
  dataDirFlag: string | undefined,
  databaseUrlFlag: string | undefined,
  env: NodeJS.ProcessEnv,
  mode: PlintoMode,
): Storage {
  const flags = [
    memoryFlag && '--memory',
    dataDirFlag !== undefined && '--data-dir',
    databaseUrlFlag !== undefined && '--database-url',
  ]
  const given = flags.filter((flag): flag is string => flag !== false)
  if (given.length > 1)
    throw new UsageError(`Use only one of --memory, --data-dir and --database-url (got ${given.join(' and ')})`)
  let memory = memoryFlag
  let dataDir = dataDirFlag
  let databaseUrl = databaseUrlFlag
  if (given.length === 0) {
    memory = isTruthy(env.PLINTO_MEMORY, 'PLINTO_MEMORY')
    dataDir = env.PLINTO_DATA_DIR || undefined
    databaseUrl = env.DATABASE_URL || undefined
    const set = [
      memory && 'PLINTO_MEMORY',
      dataDir !== undefined && 'PLINTO_DATA_DIR',
      databaseUrl !== undefined && 'DATABASE_URL',
    ]
    const named = set.filter((name): name is string => name !== false)
    if (named.length > 1)
      throw new UsageError(
        `Set only one of PLINTO_MEMORY, PLINTO_DATA_DIR and DATABASE_URL (got ${named.join(' and ')})`,
      )
  }
  if (databaseUrl !== undefined) {
    postgresUrl(databaseUrl)
    return { kind: 'postgres', url: databaseUrl }
  }
  if (dataDir !== undefined) return { kind: 'file', dir: dataDir }
  if (!memory && mode === 'production') {
    throw new UsageError(
      'Production mode needs durable storage: pass --data-dir DIR or --database-url URL (or --memory to keep data in memory only)',
    )
  }
  return { kind: 'memory' }
}

/** Parses a PostgreSQL URL; the message of a bad one never repeats it (it may hold a password). */
function postgresUrl(text: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError('--database-url must be a URL like postgres://user:password@host:5432/database')
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UsageError(`--database-url must be a postgres:// or postgresql:// URL, got a ${url.protocol} URL`)
  }
  return url
}

/** `host:port/database` of a PostgreSQL URL: what the startup line shows, never the user or password. */
function describePostgres(text: string): string {
  const url = postgresUrl(text)
  // A Unix socket is named by ?host=/path, with no host in the authority.
  const host = url.host || url.searchParams.get('host') || 'localhost'
  const database = decodeURIComponent(url.pathname.slice(1)) || 'default database'
  return `${host}/${database}`
}

export function describeStorage(storage: Storage): string {
  if (storage.kind === 'file') return `data in ${storage.dir}`
  if (storage.kind === 'postgres') return `data in PostgreSQL (${describePostgres(storage.url)})`
  return 'data in memory (lost on exit)'
}

export async function openStore(storage: Storage): Promise<PlintoStore> {
  if (storage.kind === 'file') return createEmbeddedStore(storage.dir)
  if (storage.kind === 'postgres') return createPostgresStore({ connectionString: storage.url })
  return createMemoryStore()
}

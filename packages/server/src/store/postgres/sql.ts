// Helpers shared by the PostgreSQL repositories: qualified table names, column conversions, partial
// updates and the mapping of unique violations to UniqueConstraintError.
import type { SqlClient } from './sql-client'
import { UniqueConstraintError, type UniqueField } from '../types'

/** Fully qualified, quoted table names of one schema. */
export interface TableNames {
  /** The schema name as given. */
  schema: string
  /** The schema name quoted as an SQL identifier. */
  schemaIdentifier: string
  migrations: string
  users: string
  sessions: string
  refreshTokens: string
  emailTokens: string
  signingKeys: string
  organizations: string
  memberships: string
  invitations: string
  mfa: string
  challenges: string
  passkeys: string
  oauthAccounts: string
  rateLimits: string
  webhookOutbox: string
}

/** What every repository gets: the database and where its tables are. */
export interface PostgresContext {
  db: SqlClient
  t: TableNames
}

// Identifiers cannot be query parameters, so the schema name is spliced into SQL text: it is only ever
// accepted in this plain form, then quoted.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * The table names in `schema` (default `public`); throws a TypeError for a schema name that is not a
 * plain lower-case identifier.
 */
export function tableNames(schema = 'public'): TableNames {
  if (!SCHEMA_NAME.test(schema)) {
    throw new TypeError(`PostgreSQL schema must be a lower-case identifier (letters, digits, _), got "${schema}"`)
  }
  const q = `"${schema}"`
  const table = (name: string) => `${q}.plinto_${name}`
  return {
    schema,
    schemaIdentifier: q,
    migrations: table('migrations'),
    users: table('users'),
    sessions: table('sessions'),
    refreshTokens: table('refresh_tokens'),
    emailTokens: table('email_tokens'),
    signingKeys: table('signing_keys'),
    organizations: table('organizations'),
    memberships: table('memberships'),
    invitations: table('invitations'),
    mfa: table('mfa'),
    challenges: table('challenges'),
    passkeys: table('passkeys'),
    oauthAccounts: table('oauth_accounts'),
    rateLimits: table('rate_limits'),
    webhookOutbox: table('webhook_outbox'),
  }
}

/** A bigint column as a number: node-postgres returns int8 as a string, PGlite as a number. */
export function num(value: unknown): number {
  return Number(value)
}

/** A nullable bigint column as a number or null. */
export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value)
}

/**
 * `SET a = $n, b = $n+1 …` for the keys of `patch` that are in `columns` (others are ignored, so a stray
 * key can neither reach the SQL text nor change an id). `firstParam` is the number of the first parameter.
 */
export function assignments(
  patch: Record<string, unknown>,
  columns: readonly string[],
  firstParam: number,
): { sql: string; params: unknown[] } {
  const parts: string[] = []
  const params: unknown[] = []
  for (const column of columns) {
    if (!Object.hasOwn(patch, column) || patch[column] === undefined) continue
    params.push(patch[column])
    parts.push(`${column} = $${firstParam + params.length - 1}`)
  }
  return { sql: parts.join(', '), params }
}

/**
 * `INSERT INTO table (a, b, …) VALUES ($1, $2, …)` with `record`'s values of `columns` as parameters; `tail`
 * is appended (`ON CONFLICT …`, `RETURNING …`).
 */
export function insert<R>(
  table: string,
  columns: readonly (keyof R & string)[],
  record: R,
  tail = '',
): { text: string; params: unknown[] } {
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(', ')
  return {
    text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})${tail ? ` ${tail}` : ''}`,
    params: columns.map((column) => record[column]),
  }
}

/** Unique constraints of the schema (see migrations.ts) and the field each one guards. */
const UNIQUE_CONSTRAINTS: Readonly<Record<string, UniqueField>> = {
  plinto_users_email_key: 'email',
  plinto_users_username_key: 'username',
  plinto_organizations_slug_key: 'slug',
  plinto_passkeys_credential_id_key: 'credential_id',
  plinto_oauth_accounts_pkey: 'oauth_account',
}

/**
 * Runs a write, turning a unique violation (SQLSTATE 23505) of a known constraint into
 * {@link UniqueConstraintError}; anything else is rethrown as it is.
 */
export async function unique<T>(write: Promise<T>): Promise<T> {
  try {
    return await write
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown }
    const field = code === '23505' && typeof constraint === 'string' ? UNIQUE_CONSTRAINTS[constraint] : undefined
    if (field) throw new UniqueConstraintError(field)
    throw error
  }
}

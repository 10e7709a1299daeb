// The one-time import of a data directory written by the file store of earlier versions (`plinto-state.json`:
// the memory store's whole state as JSON) into the embedded database, so nobody loses accounts by upgrading.
import { readFile } from 'node:fs/promises'
import { MFA_COLUMNS, OAUTH_ACCOUNT_COLUMNS, PASSKEY_COLUMNS } from '../postgres/factors'
import { randomId } from '../../crypto/random'
import { INVITATION_COLUMNS, MEMBERSHIP_COLUMNS, ORGANIZATION_COLUMNS } from '../postgres/organizations'
import { REFRESH_TOKEN_COLUMNS, SESSION_COLUMNS } from '../postgres/sessions'
import type { SqlQueryable } from '../postgres/sql-client'
import type { TableNames } from '../postgres/sql'
import { USER_COLUMNS as USER_FIELD_COLUMNS } from '../postgres/users'
import { emptyState, type StoreState } from '../memory/state'

/** The file the earlier file store kept the state in; renamed to `…imported` once imported. */
export const LEGACY_STATE_FILE = 'plinto-state.json'

/** What an import copied, per collection, and what it left out because what it belonged to was gone. */
export interface LegacyImportCounts {
  imported: Record<string, number>
  /** Records that referenced a user, session or organization the file did not have (unreachable data). */
  orphans: Record<string, number>
}

/** Reads a state file of the earlier file store; `undefined` if there is none. */
export async function readLegacyState(file: string): Promise<StoreState | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  let parsed: Partial<StoreState>
  try {
    parsed = JSON.parse(text) as Partial<StoreState>
  } catch (error) {
    throw new Error(`${file} is not valid JSON; it was left as it is`, { cause: error })
  }
  if (parsed?.version !== 1) throw new Error(`${file}: unsupported state version ${String(parsed?.version)}`)
  // Files written before some collections existed lack them.
  return { ...emptyState(), ...parsed } as StoreState
}

// Rows go in as JSON arrays, mapped onto the table's row type by PostgreSQL (`jsonb_populate_recordset`), a
// few thousand per statement: 50,000 accounts import in seconds rather than minutes of single INSERTs. Rows
// keep the file's order (`WITH ORDINALITY`), which gives `seq` the order the memory store listed them in.
const BATCH = 2_000

async function insertRows(tx: SqlQueryable, table: string, columns: readonly string[], rows: readonly object[]) {
  const list = columns.join(', ')
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH)
    await tx.query(
      `INSERT INTO ${table} (${list})
       SELECT ${list} FROM ROWS FROM (jsonb_populate_recordset(NULL::${table}, $1::jsonb)) WITH ORDINALITY AS r
       ORDER BY r.ordinality`,
      [JSON.stringify(batch)],
    )
  }
}

/**
 * Copies `state` into the (empty, migrated) tables of `t` inside the transaction `tx`. Records whose owner is
 * missing from the file are counted as orphans and left out (the foreign keys would refuse them).
 */
export async function importLegacyState(
  tx: SqlQueryable,
  t: TableNames,
  state: StoreState,
): Promise<LegacyImportCounts> {
  const counts: LegacyImportCounts = { imported: {}, orphans: {} }
  const users = new Set(Object.keys(state.users))
  const organizations = new Set(Object.keys(state.organizations))
  const sessions = new Set(
    Object.values(state.sessions)
      .filter((s) => users.has(s.user_id))
      .map((s) => s.id),
  )
  const put = async <R extends object>(
    name: string,
    table: string,
    columns: readonly (keyof R & string)[],
    records: readonly R[],
    keep: (record: R) => boolean = () => true,
  ) => {
    const kept = records.filter(keep)
    await insertRows(tx, table, columns, kept)
    counts.imported[name] = kept.length
    if (kept.length < records.length) counts.orphans[name] = records.length - kept.length
  }
  const ofUser = (record: { user_id: string }) => users.has(record.user_id)

  // Files written before accounts had a phone number lack its two fields.
  await put(
    'users',
    t.users,
    USER_COLUMNS,
    Object.values(state.users).map((user) => ({
      ...user,
      phone_number: user.phone_number ?? null,
      phone_verified: user.phone_verified ?? false,
    })),
  )
  await put('sessions', t.sessions, SESSION_COLUMNS, Object.values(state.sessions), ofUser)
  await put('refreshTokens', t.refreshTokens, REFRESH_TOKEN_COLUMNS, Object.values(state.refreshTokens), (token) =>
    sessions.has(token.session_id),
  )
  await put('emailTokens', t.emailTokens, EMAIL_TOKEN_COLUMNS, Object.values(state.emailTokens), ofUser)
  // The state lists keys newest first; the table lists them by `seq` descending.
  await put('signingKeys', t.signingKeys, SIGNING_KEY_COLUMNS, [...state.signingKeys].reverse())
  await put('organizations', t.organizations, ORGANIZATION_COLUMNS, Object.values(state.organizations))
  await put(
    'memberships',
    t.memberships,
    MEMBERSHIP_COLUMNS,
    Object.values(state.memberships),
    (membership) => ofUser(membership) && organizations.has(membership.organization_id),
  )
  await put('invitations', t.invitations, INVITATION_COLUMNS, Object.values(state.invitations), (invitation) =>
    organizations.has(invitation.organization_id),
  )
  await put('mfa', t.mfa, MFA_COLUMNS, Object.values(state.mfa), ofUser)
  await put(
    'challenges',
    t.challenges,
    CHALLENGE_COLUMNS,
    Object.values(state.challenges),
    (challenge) => challenge.user_id === null || users.has(challenge.user_id),
  )
  await put('passkeys', t.passkeys, PASSKEY_COLUMNS, Object.values(state.passkeys), ofUser)
  // Files written before links had ids or names: a new id, and an unknown name.
  const links = Object.values(state.oauthAccounts).map((link) => ({
    ...link,
    id: link.id ?? randomId('idn'),
    name: link.name ?? null,
  }))
  await put('oauthAccounts', t.oauthAccounts, OAUTH_ACCOUNT_COLUMNS, links, ofUser)
  return counts
}

// The columns each table's rows are written with: the PostgreSQL store's own lists where it has them, so a column a
// later migration adds is imported too (NULL for the records of an earlier file, which is what it means for them);
// here only for the tables the store writes without a list (migrations.ts; `seq` is generated).
const USER_COLUMNS = ['id', ...USER_FIELD_COLUMNS] as const
const EMAIL_TOKEN_COLUMNS = ['token_hash', 'purpose', 'user_id', 'email', 'created_at', 'expires_at'] as const
const SIGNING_KEY_COLUMNS = ['kid', 'alg', 'private_jwk', 'public_jwk', 'created_at'] as const
const CHALLENGE_COLUMNS = ['kind', 'key', 'user_id', 'data', 'attempts', 'created_at', 'expires_at'] as const

// PostgreSQL repositories of accounts: users and their single-use email tokens.
import { assignments, insert, num, numOrNull, unique, type PostgresContext } from './sql'
import type { EmailTokenRecord, EmailTokenRepository, UserRecord, UserRepository } from '../types'

type Row = Record<string, unknown>

export const USER_COLUMNS = [
  'email',
  'email_normalized',
  'email_verified',
  'username',
  'username_normalized',
  'first_name',
  'last_name',
  'profile_image_url',
  'password_hash',
  'mfa_enabled',
  'phone_number',
  'phone_verified',
  'created_at',
  'updated_at',
  'last_sign_in_at',
] as const

/** A `plinto_users` row (or its `to_jsonb`) as a record. */
export const toUser = (row: Row): UserRecord => ({
  id: row.id as string,
  email: row.email as string,
  email_normalized: row.email_normalized as string,
  email_verified: row.email_verified as boolean,
  username: row.username as string | null,
  username_normalized: row.username_normalized as string | null,
  first_name: row.first_name as string | null,
  last_name: row.last_name as string | null,
  profile_image_url: row.profile_image_url as string | null,
  password_hash: row.password_hash as string | null,
  mfa_enabled: row.mfa_enabled as boolean,
  phone_number: (row.phone_number ?? null) as string | null,
  phone_verified: row.phone_verified === true,
  created_at: num(row.created_at),
  updated_at: num(row.updated_at),
  last_sign_in_at: numOrNull(row.last_sign_in_at),
})

const toEmailToken = (row: Row): EmailTokenRecord => ({
  token_hash: row.token_hash as string,
  purpose: row.purpose as EmailTokenRecord['purpose'],
  user_id: row.user_id as string,
  email: row.email as string,
  created_at: num(row.created_at),
  expires_at: num(row.expires_at),
})

/** Users over PostgreSQL; deleting one cascades (foreign keys) to everything that belongs to it. */
export function postgresUsers({ db, t }: PostgresContext): UserRepository {
  const one = async (where: string, value: string) => {
    const { rows } = await db.query(`SELECT * FROM ${t.users} WHERE ${where} = $1`, [value])
    return rows[0] ? toUser(rows[0]) : undefined
  }
  return {
    async create(user) {
      const { text, params } = insert(t.users, ['id', ...USER_COLUMNS], user)
      await unique(db.query(text, params))
    },
    get: (id) => one('id', id),
    getByEmail: (emailNormalized) => one('email_normalized', emailNormalized),
    getByUsername: (usernameNormalized) => one('username_normalized', usernameNormalized),
    async update(id, patch) {
      const set = assignments(patch, USER_COLUMNS, 2)
      if (set.params.length === 0) return one('id', id)
      const { rows } = await unique(
        db.query(`UPDATE ${t.users} SET ${set.sql} WHERE id = $1 RETURNING *`, [id, ...set.params]),
      )
      return rows[0] ? toUser(rows[0]) : undefined
    },
    async markPhoneVerified(id, phoneNumber, nowMs) {
      // One conditional UPDATE: the number is compared and the flag set in the same statement.
      const { rows } = await db.query(
        `UPDATE ${t.users} SET phone_verified = true, updated_at = $3 WHERE id = $1 AND phone_number = $2 RETURNING *`,
        [id, phoneNumber, nowMs],
      )
      return rows[0] ? toUser(rows[0]) : undefined
    },
    async delete(id) {
      const { rows } = await db.query(`DELETE FROM ${t.users} WHERE id = $1 RETURNING id`, [id])
      return rows.length > 0
    },
  }
}

/** Email tokens over PostgreSQL; `consume` is one DELETE … RETURNING, so a token is taken once. */
export function postgresEmailTokens({ db, t }: PostgresContext): EmailTokenRepository {
  return {
    create: (token) =>
      db.transaction(async (tx) => {
        // Locking the user makes concurrent requests for a new link run one after the other, so only the
        // last link survives, as it would one at a time.
        await tx.query(`SELECT id FROM ${t.users} WHERE id = $1 FOR NO KEY UPDATE`, [token.user_id])
        await tx.query(`DELETE FROM ${t.emailTokens} WHERE user_id = $1 AND purpose = $2`, [
          token.user_id,
          token.purpose,
        ])
        const { text, params } = insert(
          t.emailTokens,
          ['token_hash', 'purpose', 'user_id', 'email', 'created_at', 'expires_at'],
          token,
        )
        await tx.query(text, params)
      }),
    async consume(tokenHash, purpose, nowMs) {
      // Expired tokens go too: they can never become valid again.
      const { rows } = await db.query(
        `DELETE FROM ${t.emailTokens} WHERE token_hash = $1 AND purpose = $2 RETURNING *`,
        [tokenHash, purpose],
      )
      const token = rows[0] ? toEmailToken(rows[0]) : undefined
      return token && token.expires_at > nowMs ? token : undefined
    },
    async deleteByUser(userId, purpose) {
      await db.query(`DELETE FROM ${t.emailTokens} WHERE user_id = $1 AND purpose = $2`, [userId, purpose])
    },
    async deleteExpired(nowMs) {
      const { rows } = await db.query<{ count: number }>(
        `WITH done AS (DELETE FROM ${t.emailTokens} WHERE expires_at <= $1 RETURNING 1) SELECT count(*)::integer AS count FROM done`,
        [nowMs],
      )
      return num(rows[0]?.count ?? 0)
    },
  }
}

// PostgreSQL repositories of second factors and sign-in methods: MFA settings, challenges, passkeys and
// OAuth account links. Every single-use step is one conditional statement (or one transaction holding the
// row's lock), so concurrent requests cannot both pass it.
import { assignments, insert, num, numOrNull, unique, type PostgresContext } from './sql'
import type {
  ChallengeRecord,
  ChallengeRepository,
  MfaRecord,
  MfaRepository,
  OAuthAccountRecord,
  OAuthAccountRepository,
  PasskeyRecord,
  PasskeyRepository,
  UnlinkOutcome,
} from '../types'

type Row = Record<string, unknown>

export const MFA_COLUMNS = [
  'user_id',
  'totp_secret',
  'totp_enabled',
  'totp_last_step',
  'sms_phone',
  'sms_enabled',
  'backup_code_hashes',
  'pending_backup_code_hashes',
  'updated_at',
] as const
export const PASSKEY_COLUMNS = [
  'id',
  'user_id',
  'credential_id',
  'public_key',
  'counter',
  'transports',
  'device_type',
  'backed_up',
  'name',
  'created_at',
  'last_used_at',
] as const

const toMfa = (row: Row): MfaRecord => ({
  user_id: row.user_id as string,
  totp_secret: row.totp_secret as string | null,
  totp_enabled: row.totp_enabled as boolean,
  totp_last_step: numOrNull(row.totp_last_step),
  sms_phone: row.sms_phone as string | null,
  sms_enabled: row.sms_enabled as boolean,
  backup_code_hashes: row.backup_code_hashes as string[],
  pending_backup_code_hashes: row.pending_backup_code_hashes as string[],
  updated_at: num(row.updated_at),
})

const toChallenge = (row: Row): ChallengeRecord => ({
  key: row.key as string,
  kind: row.kind as ChallengeRecord['kind'],
  user_id: row.user_id as string | null,
  data: row.data as ChallengeRecord['data'],
  attempts: num(row.attempts),
  created_at: num(row.created_at),
  expires_at: num(row.expires_at),
})

const toPasskey = (row: Row): PasskeyRecord => ({
  id: row.id as string,
  user_id: row.user_id as string,
  credential_id: row.credential_id as string,
  public_key: row.public_key as string,
  counter: num(row.counter),
  transports: row.transports as string[],
  device_type: row.device_type as PasskeyRecord['device_type'],
  backed_up: row.backed_up as boolean,
  name: row.name as string,
  created_at: num(row.created_at),
  last_used_at: numOrNull(row.last_used_at),
})

export const OAUTH_ACCOUNT_COLUMNS = [
  'id',
  'provider',
  'provider_user_id',
  'user_id',
  'email',
  'name',
  'created_at',
] as const

const toOAuthAccount = (row: Row): OAuthAccountRecord => ({
  id: row.id as string,
  provider: row.provider as string,
  provider_user_id: row.provider_user_id as string,
  user_id: row.user_id as string,
  email: row.email as string,
  name: (row.name as string | null) ?? null,
  created_at: num(row.created_at),
})

/** MFA settings over PostgreSQL: one row per user, replaced whole by `put`. */
export function postgresMfa({ db, t }: PostgresContext): MfaRepository {
  return {
    async get(userId) {
      const { rows } = await db.query(`SELECT * FROM ${t.mfa} WHERE user_id = $1`, [userId])
      return rows[0] ? toMfa(rows[0]) : undefined
    },
    async put(record) {
      const replace = MFA_COLUMNS.slice(1).map((column) => `${column} = EXCLUDED.${column}`)
      const { text, params } = insert(
        t.mfa,
        MFA_COLUMNS,
        record,
        `ON CONFLICT (user_id) DO UPDATE SET ${replace.join(', ')}`,
      )
      await db.query(text, params)
    },
    async delete(userId) {
      await db.query(`DELETE FROM ${t.mfa} WHERE user_id = $1`, [userId])
    },
    async claimTotpStep(userId, step) {
      const { rows } = await db.query(
        `UPDATE ${t.mfa} SET totp_last_step = $2 WHERE user_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING user_id`,
        [userId, step],
      )
      return rows.length > 0
    },
    async consumeBackupCode(userId, codeHash) {
      // Removes one occurrence (the first), as the memory store does.
      const { rows } = await db.query(
        `UPDATE ${t.mfa}
         SET backup_code_hashes = backup_code_hashes[:array_position(backup_code_hashes, $2::text) - 1]
                               || backup_code_hashes[array_position(backup_code_hashes, $2::text) + 1:]
         WHERE user_id = $1 AND $2::text = ANY (backup_code_hashes) RETURNING user_id`,
        [userId, codeHash],
      )
      return rows.length > 0
    },
  }
}

/** Challenges over PostgreSQL, keyed by (kind, key); expired ones are never returned. */
export function postgresChallenges({ db, t }: PostgresContext): ChallengeRepository {
  return {
    async create(challenge) {
      await db.query(
        `INSERT INTO ${t.challenges} (kind, key, user_id, data, attempts, created_at, expires_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
         ON CONFLICT (kind, key) DO UPDATE SET user_id = EXCLUDED.user_id, data = EXCLUDED.data, attempts = EXCLUDED.attempts,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
        [
          challenge.kind,
          challenge.key,
          challenge.user_id,
          JSON.stringify(challenge.data),
          challenge.attempts,
          challenge.created_at,
          challenge.expires_at,
        ],
      )
    },
    async get(key, kind, nowMs) {
      const { rows } = await db.query(
        `SELECT * FROM ${t.challenges} WHERE kind = $1 AND key = $2 AND expires_at > $3`,
        [kind, key, nowMs],
      )
      return rows[0] ? toChallenge(rows[0]) : undefined
    },
    async consume(key, kind, nowMs) {
      // An expired challenge is deleted too: it can never become valid again.
      const { rows } = await db.query(`DELETE FROM ${t.challenges} WHERE kind = $1 AND key = $2 RETURNING *`, [
        kind,
        key,
      ])
      const challenge = rows[0] ? toChallenge(rows[0]) : undefined
      return challenge && challenge.expires_at > nowMs ? challenge : undefined
    },
    recordFailure: (key, kind, maxAttempts) =>
      // The UPDATE's row lock is held until the DELETE commits, so no one can consume the challenge in between.
      db.transaction(async (tx) => {
        const { rows } = await tx.query<{ attempts: number }>(
          `UPDATE ${t.challenges} SET attempts = attempts + 1 WHERE kind = $1 AND key = $2 RETURNING attempts`,
          [kind, key],
        )
        if (!rows[0]) return 0
        const left = Math.max(0, maxAttempts - num(rows[0].attempts))
        if (left === 0) await tx.query(`DELETE FROM ${t.challenges} WHERE kind = $1 AND key = $2`, [kind, key])
        return left
      }),
    async claimAttempt(key, kind, maxAttempts, nowMs) {
      // One conditional UPDATE: the row lock serializes concurrent attempts, across processes too.
      const { rows } = await db.query(
        `UPDATE ${t.challenges} SET attempts = attempts + 1
         WHERE kind = $1 AND key = $2 AND expires_at > $3 AND attempts < $4 RETURNING *`,
        [kind, key, nowMs, maxAttempts],
      )
      return rows[0] ? toChallenge(rows[0]) : undefined
    },
    async claimWindowAttempt(budget, maxAttempts, nowMs) {
      // One upsert: a new or finished window starts at 1, a live one counts up only below the limit. The
      // conflicting row is locked and the WHERE re-checked on its latest version, so concurrent callers serialize.
      const { rows } = await db.query<{ attempts: number; expires_at: number }>(
        `INSERT INTO ${t.challenges} AS c (kind, key, user_id, data, attempts, created_at, expires_at)
         VALUES ($1, $2, $3, $4::jsonb, 1, $5, $6)
         ON CONFLICT (kind, key) DO UPDATE SET
           attempts = CASE WHEN c.expires_at <= $7 THEN 1 ELSE c.attempts + 1 END,
           created_at = CASE WHEN c.expires_at <= $7 THEN EXCLUDED.created_at ELSE c.created_at END,
           expires_at = CASE WHEN c.expires_at <= $7 THEN EXCLUDED.expires_at ELSE c.expires_at END
         WHERE c.expires_at <= $7 OR c.attempts < $8
         RETURNING attempts, expires_at`,
        [
          budget.kind,
          budget.key,
          budget.user_id,
          JSON.stringify(budget.data),
          budget.created_at,
          budget.expires_at,
          nowMs,
          maxAttempts,
        ],
      )
      if (rows[0]) return { allowed: true, attempts: num(rows[0].attempts), expires_at: num(rows[0].expires_at) }
      const refused = await db.query<{ attempts: number; expires_at: number }>(
        `SELECT attempts, expires_at FROM ${t.challenges} WHERE kind = $1 AND key = $2`,
        [budget.kind, budget.key],
      )
      const row = refused.rows[0]
      return { allowed: false, attempts: num(row?.attempts ?? maxAttempts), expires_at: num(row?.expires_at ?? nowMs) }
    },
    async releaseAttempt(key, kind, expiresAt) {
      await db.query(
        `UPDATE ${t.challenges} SET attempts = attempts - 1
         WHERE kind = $1 AND key = $2 AND expires_at = $3 AND attempts > 0`,
        [kind, key, expiresAt],
      )
    },
    async deleteExpired(nowMs) {
      await db.query(`DELETE FROM ${t.challenges} WHERE expires_at <= $1`, [nowMs])
    },
  }
}

/** Passkeys over PostgreSQL; `recordUse` is a compare-and-set on the signature counter. */
export function postgresPasskeys({ db, t }: PostgresContext): PasskeyRepository {
  const get = async (id: string) => {
    const { rows } = await db.query(`SELECT * FROM ${t.passkeys} WHERE id = $1`, [id])
    return rows[0] ? toPasskey(rows[0]) : undefined
  }
  return {
    async create(passkey) {
      const { text, params } = insert(t.passkeys, PASSKEY_COLUMNS, passkey)
      await unique(db.query(text, params))
    },
    get,
    async getByCredentialId(credentialId) {
      const { rows } = await db.query(`SELECT * FROM ${t.passkeys} WHERE credential_id = $1`, [credentialId])
      return rows[0] ? toPasskey(rows[0]) : undefined
    },
    async listByUser(userId) {
      const { rows } = await db.query(`SELECT * FROM ${t.passkeys} WHERE user_id = $1 ORDER BY seq`, [userId])
      return rows.map(toPasskey)
    },
    async update(id, patch) {
      const set = assignments(patch, ['name', 'backed_up'], 2)
      if (set.params.length === 0) return get(id)
      const { rows } = await db.query(`UPDATE ${t.passkeys} SET ${set.sql} WHERE id = $1 RETURNING *`, [
        id,
        ...set.params,
      ])
      return rows[0] ? toPasskey(rows[0]) : undefined
    },
    async recordUse(id, expectedCounter, nextCounter, nowMs, backedUp) {
      const { rows } = await db.query(
        `UPDATE ${t.passkeys} SET counter = $3, last_used_at = $4, backed_up = $5 WHERE id = $1 AND counter = $2 RETURNING id`,
        [id, expectedCounter, nextCounter, nowMs, backedUp],
      )
      return rows.length > 0
    },
    async delete(id) {
      const { rows } = await db.query(`DELETE FROM ${t.passkeys} WHERE id = $1 RETURNING id`, [id])
      return rows.length > 0
    },
    deleteUnlessLast: (userId, id) =>
      db.transaction(async (tx) => {
        // The same user-row lock as oauthAccounts.deleteUnlessLast: removals of either kind run one at a time.
        const { rows: users } = await tx.query<{ password_hash: string | null }>(
          `SELECT password_hash FROM ${t.users} WHERE id = $1 FOR UPDATE`,
          [userId],
        )
        const user = users[0]
        if (!user) return 'not_found'
        const { rows } = await tx.query<{ target: boolean; others: number; identities: number }>(
          `SELECT bool_or(id = $2) AS target, count(*) FILTER (WHERE id <> $2)::integer AS others,
                  (SELECT count(*)::integer FROM ${t.oauthAccounts} WHERE user_id = $1) AS identities
           FROM ${t.passkeys} WHERE user_id = $1`,
          [userId, id],
        )
        const counts = rows[0]
        if (!counts?.target) return 'not_found'
        if (user.password_hash === null && num(counts.others) === 0 && num(counts.identities) === 0)
          return 'last_method'
        const deleted = await tx.query(`DELETE FROM ${t.passkeys} WHERE user_id = $1 AND id = $2 RETURNING id`, [
          userId,
          id,
        ])
        return deleted.rows.length > 0 ? 'deleted' : 'not_found'
      }),
  }
}

/** OAuth account links over PostgreSQL, keyed by (provider, provider_user_id). */
export function postgresOAuthAccounts({ db, t }: PostgresContext): OAuthAccountRepository {
  return {
    async create(account) {
      const { text, params } = insert(t.oauthAccounts, OAUTH_ACCOUNT_COLUMNS, account)
      await unique(db.query(text, params))
    },
    async get(provider, providerUserId) {
      const { rows } = await db.query(
        `SELECT * FROM ${t.oauthAccounts} WHERE provider = $1 AND provider_user_id = $2`,
        [provider, providerUserId],
      )
      return rows[0] ? toOAuthAccount(rows[0]) : undefined
    },
    async listByUser(userId) {
      const { rows } = await db.query(`SELECT * FROM ${t.oauthAccounts} WHERE user_id = $1 ORDER BY seq`, [userId])
      return rows.map(toOAuthAccount)
    },
    deleteUnlessLast: (userId, id) =>
      db.transaction(async (tx): Promise<UnlinkOutcome> => {
        // Locking the user row makes concurrent unlinks of one user run one after the other: each counts the
        // methods the previous one left (READ COMMITTED reads what committed before each statement).
        const { rows: users } = await tx.query<{ password_hash: string | null }>(
          `SELECT password_hash FROM ${t.users} WHERE id = $1 FOR UPDATE`,
          [userId],
        )
        const user = users[0]
        if (!user) return { refused: 'not_found' }
        const { rows } = await tx.query<{ target: boolean; others: number; passkeys: number }>(
          `SELECT bool_or(id = $2) AS target, count(*) FILTER (WHERE id <> $2)::integer AS others,
                  (SELECT count(*)::integer FROM ${t.passkeys} WHERE user_id = $1) AS passkeys
           FROM ${t.oauthAccounts} WHERE user_id = $1`,
          [userId, id],
        )
        const counts = rows[0]
        if (!counts?.target) return { refused: 'not_found' }
        if (user.password_hash === null && num(counts.others) === 0 && num(counts.passkeys) === 0)
          return { refused: 'last_method' }
        const { rows: deleted } = await tx.query(
          `DELETE FROM ${t.oauthAccounts} WHERE user_id = $1 AND id = $2 RETURNING *`,
          [userId, id],
        )
        return deleted[0] ? { deleted: toOAuthAccount(deleted[0]) } : { refused: 'not_found' }
      }),
  }
}

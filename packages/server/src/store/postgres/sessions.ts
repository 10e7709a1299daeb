// PostgreSQL repositories of sign-in state: sessions, their refresh tokens, and the JWT signing keys.
import type { SigningKeyRecord } from '../../crypto/signing-keys'
import { assignments, insert, num, numOrNull, type PostgresContext } from './sql'
import type {
  RefreshTokenRecord,
  RefreshTokenRepository,
  SessionRecord,
  SessionRepository,
  SigningKeyRepository,
} from '../types'

type Row = Record<string, unknown>

const SESSION_COLUMNS = [
  'id',
  'user_id',
  'created_at',
  'last_active_at',
  'expires_at',
  'revoked_at',
  'revoked_reason',
  'remember',
  'ip',
  'user_agent',
  'active_organization_id',
] as const
/** What `sessions.update` may change. */
const SESSION_PATCHABLE = SESSION_COLUMNS.filter((column) => column !== 'id' && column !== 'user_id')

const toSession = (row: Row): SessionRecord => ({
  id: row.id as string,
  user_id: row.user_id as string,
  created_at: num(row.created_at),
  last_active_at: num(row.last_active_at),
  expires_at: num(row.expires_at),
  revoked_at: numOrNull(row.revoked_at),
  revoked_reason: row.revoked_reason as SessionRecord['revoked_reason'],
  remember: row.remember as boolean,
  ip: row.ip as string,
  user_agent: row.user_agent as string | null,
  active_organization_id: (row.active_organization_id as string | null | undefined) ?? null,
})

const toRefreshToken = (row: Row): RefreshTokenRecord => ({
  token_hash: row.token_hash as string,
  session_id: row.session_id as string,
  user_id: row.user_id as string,
  created_at: num(row.created_at),
  expires_at: num(row.expires_at),
  rotated_at: numOrNull(row.rotated_at),
  successor_box: row.successor_box as string | null,
})

/**
 * Sessions over PostgreSQL. Ending sessions is one statement that also wipes the sealed successors of their
 * refresh tokens (the tokens themselves stay until they expire, so presenting one answers SESSION_REVOKED).
 */
export function postgresSessions({ db, t }: PostgresContext): SessionRepository {
  const get = async (id: string) => {
    const { rows } = await db.query(`SELECT * FROM ${t.sessions} WHERE id = $1`, [id])
    return rows[0] ? toSession(rows[0]) : undefined
  }
  const end = async (where: string, params: unknown[]) => {
    const { rows } = await db.query<{ count: number }>(
      `WITH ended AS (
         UPDATE ${t.sessions} SET revoked_at = $1, revoked_reason = $2 WHERE revoked_at IS NULL AND ${where} RETURNING id
       ), wiped AS (
         UPDATE ${t.refreshTokens} SET successor_box = NULL WHERE successor_box IS NOT NULL AND session_id IN (SELECT id FROM ended)
       )
       SELECT count(*)::integer AS count FROM ended`,
      params,
    )
    return num(rows[0]?.count ?? 0)
  }
  return {
    async create(session) {
      const { text, params } = insert(t.sessions, SESSION_COLUMNS, session)
      await db.query(text, params)
    },
    get,
    async listByUser(userId) {
      const { rows } = await db.query(`SELECT * FROM ${t.sessions} WHERE user_id = $1 ORDER BY seq`, [userId])
      return rows.map(toSession)
    },
    async update(id, patch) {
      const set = assignments(patch, SESSION_PATCHABLE, 2)
      if (set.params.length === 0) return get(id)
      const { rows } = await db.query(`UPDATE ${t.sessions} SET ${set.sql} WHERE id = $1 RETURNING *`, [
        id,
        ...set.params,
      ])
      return rows[0] ? toSession(rows[0]) : undefined
    },
    revokeByUser: (userId, reason, nowMs, exceptSessionId) =>
      end('user_id = $3 AND ($4::text IS NULL OR id <> $4::text)', [nowMs, reason, userId, exceptSessionId ?? null]),
    revoke: async (id, reason, nowMs) => (await end('id = $3', [nowMs, reason, id])) > 0,
  }
}

/** Refresh tokens over PostgreSQL; `markRotated` is a conditional UPDATE, so exactly one caller wins. */
export function postgresRefreshTokens({ db, t }: PostgresContext): RefreshTokenRepository {
  return {
    async create(token) {
      const { text, params } = insert(
        t.refreshTokens,
        ['token_hash', 'session_id', 'user_id', 'created_at', 'expires_at', 'rotated_at', 'successor_box'],
        token,
      )
      await db.query(text, params)
    },
    async getByHash(tokenHash) {
      const { rows } = await db.query(`SELECT * FROM ${t.refreshTokens} WHERE token_hash = $1`, [tokenHash])
      return rows[0] ? toRefreshToken(rows[0]) : undefined
    },
    async markRotated(tokenHash, nowMs, successorBox) {
      const { rows } = await db.query(
        `UPDATE ${t.refreshTokens} SET rotated_at = $2, successor_box = $3 WHERE token_hash = $1 AND rotated_at IS NULL RETURNING token_hash`,
        [tokenHash, nowMs, successorBox],
      )
      return rows.length > 0
    },
    async wipeSuccessors(rotatedBeforeMs) {
      await db.query(
        `UPDATE ${t.refreshTokens} SET successor_box = NULL WHERE successor_box IS NOT NULL AND rotated_at IS NOT NULL AND rotated_at <= $1`,
        [rotatedBeforeMs],
      )
    },
    async deleteExpired(nowMs) {
      await db.query(`DELETE FROM ${t.refreshTokens} WHERE expires_at <= $1`, [nowMs])
    },
  }
}

/** Signing keys over PostgreSQL, newest first. */
export function postgresSigningKeys({ db, t }: PostgresContext): SigningKeyRepository {
  const list = async (): Promise<SigningKeyRecord[]> => {
    const { rows } = await db.query(`SELECT * FROM ${t.signingKeys} ORDER BY seq DESC`)
    return rows.map(
      (row): SigningKeyRecord => ({
        kid: row.kid as string,
        alg: row.alg as SigningKeyRecord['alg'],
        private_jwk: row.private_jwk as SigningKeyRecord['private_jwk'],
        public_jwk: row.public_jwk as SigningKeyRecord['public_jwk'],
        created_at: num(row.created_at),
      }),
    )
  }
  return {
    list,
    async add(key) {
      await db.query(
        `INSERT INTO ${t.signingKeys} (kid, alg, private_jwk, public_jwk, created_at) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5)`,
        [key.kid, key.alg, JSON.stringify(key.private_jwk), JSON.stringify(key.public_jwk), key.created_at],
      )
    },
    async addIfNone(key) {
      // `WHERE NOT EXISTS` alone lets two transactions that started together both insert; the advisory lock
      // (per schema, released at commit) makes the second wait, and its INSERT then sees the first one's key.
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plinto_signing_keys:${t.schema}`])
        await tx.query(
          `INSERT INTO ${t.signingKeys} (kid, alg, private_jwk, public_jwk, created_at)
           SELECT $1, $2, $3::jsonb, $4::jsonb, $5 WHERE NOT EXISTS (SELECT 1 FROM ${t.signingKeys})`,
          [key.kid, key.alg, JSON.stringify(key.private_jwk), JSON.stringify(key.public_jwk), key.created_at],
        )
      })
      return list()
    },
  }
}

// PostgreSQL repositories of sign-in state: sessions, their refresh tokens, and the JWT signing keys.
import type { SigningKeyRecord } from '../../crypto/signing-keys'
import { assignments, insert, num, numOrNull, type PostgresContext } from './sql'
import { toUser } from './users'
import type {
  RefreshTokenRecord,
  RefreshTokenRepository,
  SessionRecord,
  SessionRepository,
  SigningKeyRepository,
} from '../types'

type Row = Record<string, unknown>

export const SESSION_COLUMNS = [
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
  'refresh_family_hash',
  'authenticated_at',
] as const
export const REFRESH_TOKEN_COLUMNS = [
  'token_hash',
  'session_id',
  'user_id',
  'created_at',
  'expires_at',
  'rotated_at',
  'successor_box',
] as const
/** Column types, for parameters in an `INSERT … SELECT` (where PostgreSQL cannot infer them from a VALUES list). */
const SESSION_TYPES: Record<(typeof SESSION_COLUMNS)[number], string> = {
  id: 'text',
  user_id: 'text',
  created_at: 'bigint',
  last_active_at: 'bigint',
  expires_at: 'bigint',
  revoked_at: 'bigint',
  revoked_reason: 'text',
  remember: 'boolean',
  ip: 'text',
  user_agent: 'text',
  active_organization_id: 'text',
  refresh_family_hash: 'text',
  authenticated_at: 'bigint',
}
const REFRESH_TOKEN_TYPES: Record<(typeof REFRESH_TOKEN_COLUMNS)[number], string> = {
  token_hash: 'text',
  session_id: 'text',
  user_id: 'text',
  created_at: 'bigint',
  expires_at: 'bigint',
  rotated_at: 'bigint',
  successor_box: 'text',
}
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
  // Only when set, so sessions without a family read back exactly as they were stored.
  ...(typeof row.refresh_family_hash === 'string' && { refresh_family_hash: row.refresh_family_hash }),
  // Likewise: rows from before migration 7 hold null, and their sessions count from their start.
  ...(row.authenticated_at !== null &&
    row.authenticated_at !== undefined && { authenticated_at: num(row.authenticated_at) }),
})

/** A session record with every column present (`refresh_family_hash`, `authenticated_at` are optional in the record). */
const sessionRow = (session: SessionRecord) => ({
  ...session,
  refresh_family_hash: session.refresh_family_hash ?? null,
  authenticated_at: session.authenticated_at ?? null,
})

/** How many rows a data-modifying CTE named `done` touched. */
const countOf = (rows: { count: number }[]) => num(rows[0]?.count ?? 0)

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
      const { text, params } = insert(t.sessions, SESSION_COLUMNS, sessionRow(session))
      await db.query(text, params)
    },
    get,
    async start(session, firstToken) {
      // One statement, so one round trip and one commit: the user's sign-in time, the session (only if the
      // user exists) and its first token (only if the session went in). Foreign keys are checked at the end of
      // the statement, when the session row exists.
      const row = sessionRow(session)
      const tokenParams = REFRESH_TOKEN_COLUMNS.map((column) => firstToken[column])
      const sessionParams = SESSION_COLUMNS.map((column) => row[column])
      const at = (i: number) => i + 2
      const { rows } = await db.query(
        `WITH signed_in AS (
           UPDATE ${t.users} SET last_sign_in_at = $1 WHERE id = $2 RETURNING *
         ), started AS (
           INSERT INTO ${t.sessions} (${SESSION_COLUMNS.join(', ')})
           SELECT ${SESSION_COLUMNS.map((column, i) => `$${at(i + 1)}::${SESSION_TYPES[column]}`).join(', ')} FROM signed_in
           RETURNING id
         ), first_token AS (
           INSERT INTO ${t.refreshTokens} (${REFRESH_TOKEN_COLUMNS.join(', ')})
           SELECT ${REFRESH_TOKEN_COLUMNS.map((column, i) => `$${at(SESSION_COLUMNS.length + i + 1)}::${REFRESH_TOKEN_TYPES[column]}`).join(', ')} FROM started
         )
         SELECT * FROM signed_in`,
        [session.created_at, session.user_id, ...sessionParams, ...tokenParams],
      )
      return rows[0] ? toUser(rows[0]) : undefined
    },
    async getByRefreshFamily(familyHash) {
      const { rows } = await db.query(`SELECT * FROM ${t.sessions} WHERE refresh_family_hash = $1`, [familyHash])
      return rows[0] ? toSession(rows[0]) : undefined
    },
    async authenticate(id) {
      const { rows } = await db.query<{ session: Row; user: Row }>(
        `SELECT to_jsonb(s) AS session, to_jsonb(u) AS "user" FROM ${t.sessions} s JOIN ${t.users} u ON u.id = s.user_id WHERE s.id = $1`,
        [id],
      )
      const row = rows[0]
      return row ? { session: toSession(row.session), user: toUser(row.user) } : undefined
    },
    async deleteExpired(nowMs) {
      // Their refresh tokens go with them (ON DELETE CASCADE).
      const { rows } = await db.query<{ count: number }>(
        `WITH done AS (DELETE FROM ${t.sessions} WHERE expires_at <= $1 RETURNING 1) SELECT count(*)::integer AS count FROM done`,
        [nowMs],
      )
      return countOf(rows)
    },
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
      const { text, params } = insert(t.refreshTokens, REFRESH_TOKEN_COLUMNS, token)
      await db.query(text, params)
    },
    async getWithSession(tokenHash) {
      const { rows } = await db.query<{ token: Row; session: Row | null }>(
        `SELECT to_jsonb(rt) AS token, to_jsonb(s) AS session FROM ${t.refreshTokens} rt LEFT JOIN ${t.sessions} s ON s.id = rt.session_id WHERE rt.token_hash = $1`,
        [tokenHash],
      )
      const row = rows[0]
      return row && { token: toRefreshToken(row.token), session: row.session ? toSession(row.session) : undefined }
    },
    async rotate(tokenHash, { rotatedAt, successorBox, successor, session, wipeSuccessorsRotatedBefore }) {
      // One statement: the conditional claim (so exactly one concurrent caller wins), and only if it won, the
      // successor and the session's new times. A grace-window reader sees all of it or none of it.
      const successorParams = REFRESH_TOKEN_COLUMNS.map((column) => successor[column])
      const { rows } = await db.query<{ count: number }>(
        `WITH claimed AS (
           UPDATE ${t.refreshTokens} SET rotated_at = $2, successor_box = $3
           WHERE token_hash = $1 AND rotated_at IS NULL RETURNING session_id
         ), successor AS (
           INSERT INTO ${t.refreshTokens} (${REFRESH_TOKEN_COLUMNS.join(', ')})
           SELECT ${REFRESH_TOKEN_COLUMNS.map((column, i) => `$${i + 6}::${REFRESH_TOKEN_TYPES[column]}`).join(', ')} FROM claimed
         ), moved AS (
           UPDATE ${t.sessions} SET last_active_at = $4, expires_at = $5, active_organization_id = $${7 + REFRESH_TOKEN_COLUMNS.length}
           WHERE id IN (SELECT session_id FROM claimed)
         ), wiped AS (
           UPDATE ${t.refreshTokens} SET successor_box = NULL
           WHERE session_id IN (SELECT session_id FROM claimed) AND successor_box IS NOT NULL AND rotated_at <= $${6 + REFRESH_TOKEN_COLUMNS.length}
         )
         SELECT count(*)::integer AS count FROM claimed`,
        [
          tokenHash,
          rotatedAt,
          successorBox,
          session.last_active_at,
          session.expires_at,
          ...successorParams,
          wipeSuccessorsRotatedBefore,
          session.active_organization_id,
        ],
      )
      return countOf(rows) > 0
    },
    async deleteSettled(rotatedBeforeMs) {
      // Two statements, each on its own index: rotated tokens past their window, then tokens of ended sessions.
      const rotated = await db.query<{ count: number }>(
        `WITH done AS (
           DELETE FROM ${t.refreshTokens} WHERE rotated_at IS NOT NULL AND rotated_at < $1
           AND session_id IN (SELECT id FROM ${t.sessions} WHERE refresh_family_hash IS NOT NULL) RETURNING 1
         ) SELECT count(*)::integer AS count FROM done`,
        [rotatedBeforeMs],
      )
      const ended = await db.query<{ count: number }>(
        `WITH done AS (
           DELETE FROM ${t.refreshTokens} WHERE session_id IN (
             SELECT id FROM ${t.sessions} WHERE revoked_at IS NOT NULL AND refresh_family_hash IS NOT NULL
           ) RETURNING 1
         ) SELECT count(*)::integer AS count FROM done`,
      )
      return countOf(rotated.rows) + countOf(ended.rows)
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
      const { rows } = await db.query<{ count: number }>(
        `WITH done AS (DELETE FROM ${t.refreshTokens} WHERE expires_at <= $1 RETURNING 1) SELECT count(*)::integer AS count FROM done`,
        [nowMs],
      )
      return countOf(rows)
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

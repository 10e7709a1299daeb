// The webhook outbox over PostgreSQL. A claim is one statement: the inner SELECT locks the due rows it picks
// with FOR UPDATE SKIP LOCKED, so concurrent claimers (in this process or in other server instances) each
// skip the rows another is taking and get disjoint deliveries without waiting on each other; the outer UPDATE
// sets the lease and counts the attempt.
import { insert, num, numOrNull, type PostgresContext } from './sql'
import type { OutboxRecord, OutboxRepository } from '../types'

type Row = Record<string, unknown>

const OUTBOX_COLUMNS = [
  'id',
  'event_id',
  'event',
  'data',
  'endpoint',
  'status',
  'attempts',
  'next_attempt_at',
  'lease_owner',
  'lease_until',
  'last_error',
  'created_at',
  'dead_at',
] as const

const toOutboxRecord = (row: Row): OutboxRecord => ({
  id: row.id as string,
  event_id: row.event_id as string,
  event: row.event as string,
  data: row.data as string,
  endpoint: row.endpoint as string,
  status: row.status as OutboxRecord['status'],
  attempts: num(row.attempts),
  next_attempt_at: num(row.next_attempt_at),
  lease_owner: row.lease_owner as string | null,
  lease_until: numOrNull(row.lease_until),
  last_error: row.last_error as string | null,
  created_at: num(row.created_at),
  dead_at: numOrNull(row.dead_at),
})

export function postgresOutbox({ db, t }: PostgresContext): OutboxRepository {
  return {
    async enqueue(records) {
      for (const record of records) {
        const { text, params } = insert(t.webhookOutbox, OUTBOX_COLUMNS, record)
        await db.query(text, params)
      }
    },
    async claim({ owner, nowMs, leaseMs, limit }) {
      const { rows } = await db.query(
        `UPDATE ${t.webhookOutbox} SET lease_owner = $1, lease_until = $2::bigint + $3::bigint, attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM ${t.webhookOutbox}
           WHERE status = 'pending' AND next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
           ORDER BY next_attempt_at, seq
           LIMIT $4
           FOR UPDATE SKIP LOCKED
         )
         RETURNING *`,
        [owner, nowMs, leaseMs, limit],
      )
      // RETURNING keeps no order: put them back in the order they were due.
      return rows
        .sort((a, b) => num(a.next_attempt_at) - num(b.next_attempt_at) || num(a.seq) - num(b.seq))
        .map(toOutboxRecord)
    },
    async complete(id) {
      const { rows } = await db.query(
        `DELETE FROM ${t.webhookOutbox} WHERE id = $1 AND status = 'pending' RETURNING id`,
        [id],
      )
      return rows.length > 0
    },
    async fail(id, owner, nowMs, nextAttemptAt, error) {
      const { rows } = await db.query(
        `UPDATE ${t.webhookOutbox}
         SET lease_owner = NULL, lease_until = NULL, last_error = $3,
             status = CASE WHEN $4::bigint IS NULL THEN 'dead' ELSE 'pending' END,
             dead_at = CASE WHEN $4::bigint IS NULL THEN $5::bigint ELSE NULL END,
             next_attempt_at = COALESCE($4::bigint, next_attempt_at)
         WHERE id = $1 AND status = 'pending' AND lease_owner = $2
         RETURNING id`,
        [id, owner, error, nextAttemptAt, nowMs],
      )
      return rows.length > 0
    },
    async listDead() {
      const { rows } = await db.query(`SELECT * FROM ${t.webhookOutbox} WHERE status = 'dead' ORDER BY dead_at, seq`)
      return rows.map(toOutboxRecord)
    },
    async requeue(id, nowMs) {
      const { rows } = await db.query(
        `UPDATE ${t.webhookOutbox} SET status = 'pending', attempts = 0, next_attempt_at = $2, dead_at = NULL
         WHERE status = 'dead' AND ($1::text IS NULL OR id = $1)
         RETURNING id`,
        [id ?? null, nowMs],
      )
      return rows.length
    },
    async countPending() {
      const { rows } = await db.query<{ count: unknown }>(
        `SELECT count(*) AS count FROM ${t.webhookOutbox} WHERE status = 'pending'`,
      )
      return num(rows[0]?.count)
    },
  }
}

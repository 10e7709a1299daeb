// PostgreSQL rate-limit counters: each hit is one upsert, so concurrent requests, in one process or many,
// count against one row and each sees its own count.
import { num, type PostgresContext } from './sql'
import type { RateLimitRepository } from '../types'

/** Rate-limit windows over PostgreSQL; `hit` is a single `INSERT … ON CONFLICT … DO UPDATE … RETURNING`. */
export function postgresRateLimits({ db, t }: PostgresContext): RateLimitRepository {
  return {
    async hit(key, limit, windowMs, nowMs) {
      // A new key, or one whose window has ended, starts a window at 1; a live window counts up, stopping at
      // limit + 1. The conflicting row is locked and the update applied to its latest version, so concurrent
      // hits serialize and each RETURNs a different count until the limit.
      const { rows } = await db.query<{ count: number; reset_at: number }>(
        `INSERT INTO ${t.rateLimits} AS r (key, count, reset_at) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN r.reset_at <= $3 THEN 1 ELSE LEAST(r.count + 1, $4::integer + 1) END,
           reset_at = CASE WHEN r.reset_at <= $3 THEN EXCLUDED.reset_at ELSE r.reset_at END
         RETURNING count, reset_at`,
        [key, nowMs + windowMs, nowMs, limit],
      )
      const row = rows[0]
      if (!row) throw new Error('rate-limit upsert returned no row')
      const count = num(row.count)
      return { allowed: count <= limit, count, reset_at: num(row.reset_at) }
    },
    async deleteExpired(nowMs) {
      await db.query(`DELETE FROM ${t.rateLimits} WHERE reset_at <= $1`, [nowMs])
    },
  }
}

// Store records and repository of the webhook outbox: one row per (event, endpoint) delivery, written in the
// same transaction as the change that caused the event, claimed with a lease by whichever server instance
// delivers it, deleted once a receiver answered 2xx, kept as a dead letter once its attempts are spent.

/**
 * Where a delivery stands: `pending` (due at `next_attempt_at`, or leased by an instance that is trying it)
 * or `dead` (every attempt failed; listed by `plinto-server dead-letters` until re-queued).
 *
 * @example
 * ```ts
 * const status: OutboxStatus = 'dead'
 * ```
 */
export type OutboxStatus = 'pending' | 'dead'

/**
 * One webhook delivery: an event for one endpoint. The body posted is
 * `{ id: event_id, event, timestamp, data }`, where `data` is stored as the JSON text it was recorded with and
 * `timestamp` is the time of each attempt (so receivers can refuse replays) — `event_id` is the same on
 * every attempt, and for every endpoint of the event.
 *
 * @example
 * ```ts
 * const [delivery]: OutboxRecord[] = await store.outbox.claim({ owner: 'whw_1', nowMs: Date.now(), leaseMs: 30_000, limit: 1 })
 * ```
 */
export interface OutboxRecord {
  /** The delivery (`whd_…`): the store's key. */
  id: string
  /** The event (`evt_…`): the body's `id`, for receivers to de-duplicate on. */
  event_id: string
  /** The event name (`user.created`, …). */
  event: string
  /** The event's `data` as JSON text. */
  data: string
  /** The endpoint URL; its secret is looked up in the configuration when the delivery is attempted. */
  endpoint: string
  status: OutboxStatus
  /** Attempts started so far (counted when claimed, so a crash mid-attempt counts too). */
  attempts: number
  /** When the delivery is due next. */
  next_attempt_at: number
  /** The instance that holds the lease, or null when nobody is trying it. */
  lease_owner: string | null
  /** Until when the lease holds; past it another instance may claim the delivery (its holder crashed). */
  lease_until: number | null
  /** Why the last attempt failed (`HTTP 503`, `timeout`, …), or null. */
  last_error: string | null
  created_at: number
  /** When the delivery became a dead letter, or null. */
  dead_at: number | null
}

/**
 * What {@link OutboxRepository.claim} takes.
 *
 * @example
 * ```ts
 * const request: OutboxClaim = { owner: 'whw_1', nowMs: Date.now(), leaseMs: 30_000, limit: 10 }
 * ```
 */
export interface OutboxClaim {
  /** Who claims: an id unique to one dispatcher (one server instance). */
  owner: string
  nowMs: number
  /** How long the lease holds. */
  leaseMs: number
  /** At most this many deliveries. */
  limit: number
}

/**
 * Store operations on the webhook outbox. Every operation is one atomic step, across processes on
 * PostgreSQL: a due delivery is claimed by one caller only, however many claim at once.
 *
 * @example
 * ```ts
 * await store.transaction(async (tx) => {
 *   await tx.sessions.revoke(sessionId, 'signout', now)
 *   await tx.outbox.enqueue([delivery]) // committed with the revocation, or not at all
 * })
 * ```
 */
export interface OutboxRepository {
  /** Inserts pending deliveries. */
  enqueue(records: readonly OutboxRecord[]): Promise<void>
  /**
   * Takes up to `limit` pending deliveries that are due (`next_attempt_at <= nowMs`) and not leased (or whose
   * lease has expired), earliest due first: sets their lease to `owner` until `nowMs + leaseMs` and counts one
   * attempt. Concurrent claimers get disjoint deliveries.
   */
  claim(request: OutboxClaim): Promise<OutboxRecord[]>
  /** A receiver took it (2xx): the delivery is deleted, whoever holds the lease. False if it was gone already. */
  complete(id: string): Promise<boolean>
  /**
   * An attempt failed. When `nextAttemptAt` is a time, the delivery is due again then (lease released); when
   * it is null, it becomes a dead letter. Applies only while `owner` still holds the lease (an instance whose
   * lease expired and was taken over must not reschedule it); answers whether it applied.
   */
  fail(id: string, owner: string, nowMs: number, nextAttemptAt: number | null, error: string): Promise<boolean>
  /** Dead letters, oldest first. */
  listDead(): Promise<OutboxRecord[]>
  /**
   * Puts dead letters back in the queue, due at `nowMs` with their attempt count reset: the one with `id`, or
   * every one when `id` is undefined. Answers how many were re-queued.
   */
  requeue(id: string | undefined, nowMs: number): Promise<number>
  /** How many deliveries are pending (leased or not); dead letters are not counted. */
  countPending(): Promise<number>
}

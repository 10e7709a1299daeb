// The in-memory webhook outbox. Like every repository of the memory store, each operation runs without an
// await in the middle, so on one event loop a claim is atomic: concurrent claimers get disjoint deliveries.
import type { OutboxRecord, OutboxRepository } from '../types'
import type { MemoryContext } from './state'

export function memoryOutbox({ state, copy, mutate, sweep }: MemoryContext): OutboxRepository {
  const claimable = (record: OutboxRecord, nowMs: number) =>
    record.status === 'pending' &&
    record.next_attempt_at <= nowMs &&
    (record.lease_until === null || record.lease_until <= nowMs)

  return {
    enqueue: (records) =>
      mutate(() => {
        for (const record of records) state.outbox[record.id] = copy(record)
      }),
    claim: async ({ owner, nowMs, leaseMs, limit }) => {
      let claimed: OutboxRecord[] = []
      await sweep(() => {
        // Earliest due first; a stable sort keeps insertion order among deliveries due at the same time.
        claimed = Object.values(state.outbox)
          .filter((record) => claimable(record, nowMs))
          .sort((a, b) => a.next_attempt_at - b.next_attempt_at)
          .slice(0, limit)
        for (const record of claimed) {
          record.lease_owner = owner
          record.lease_until = nowMs + leaseMs
          record.attempts += 1
        }
        return claimed.length > 0
      })
      return copy(claimed)
    },
    complete: (id) =>
      mutate(() => {
        if (state.outbox[id]?.status !== 'pending') return false
        delete state.outbox[id]
        return true
      }),
    fail: (id, owner, nowMs, nextAttemptAt, error) =>
      mutate(() => {
        const record = state.outbox[id]
        if (record?.status !== 'pending' || record.lease_owner !== owner) return false
        record.lease_owner = null
        record.lease_until = null
        record.last_error = error
        if (nextAttemptAt === null) {
          record.status = 'dead'
          record.dead_at = nowMs
        } else {
          record.next_attempt_at = nextAttemptAt
        }
        return true
      }),
    listDead: async () =>
      copy(
        Object.values(state.outbox)
          .filter((record) => record.status === 'dead')
          .sort((a, b) => (a.dead_at ?? 0) - (b.dead_at ?? 0)),
      ),
    requeue: (id, nowMs) =>
      mutate(() => {
        let count = 0
        const targets = id === undefined ? Object.values(state.outbox) : [state.outbox[id]]
        for (const record of targets) {
          if (record?.status !== 'dead') continue
          record.status = 'pending'
          record.attempts = 0
          record.next_attempt_at = nowMs
          record.dead_at = null
          count++
        }
        return count
      }),
    countPending: async () => Object.values(state.outbox).filter((record) => record.status === 'pending').length,
  }
}

// Conformance: the webhook outbox (claim with a lease, complete, fail, dead letters, re-queue) and the
// transaction that records a change with its events.
import { describe, expect, test } from 'vitest'
import { UniqueConstraintError, type OutboxRecord, type PlintoStore } from '../../index'
import { createUsers, NOW, organizationRecord, userRecord } from './records'

const LEASE = 30_000

export function outboxRecord(id: string, overrides: Partial<OutboxRecord> = {}): OutboxRecord {
  return {
    id,
    event_id: `evt_${id}`,
    event: 'user.created',
    data: '{"user":{"id":"usr_1"}}',
    endpoint: 'https://hooks.example.com/plinto',
    status: 'pending',
    attempts: 0,
    next_attempt_at: NOW,
    lease_owner: null,
    lease_until: null,
    last_error: null,
    created_at: NOW,
    dead_at: null,
    ...overrides,
  }
}

const claim = (store: PlintoStore, owner: string, nowMs = NOW, limit = 10) =>
  store.outbox.claim({ owner, nowMs, leaseMs: LEASE, limit })

/** `rollsBack`: whether a transaction whose function throws undoes its writes (PostgreSQL, PGlite). */
export function outboxConformance(store: () => PlintoStore, { rollsBack }: { rollsBack: boolean }): void {
  describe('webhook outbox', () => {
    test('claim takes the due deliveries, earliest first, leases them and counts an attempt', async () => {
      await store().outbox.enqueue([
        outboxRecord('whd_b', { next_attempt_at: NOW - 1_000 }),
        outboxRecord('whd_later', { next_attempt_at: NOW + 60_000 }),
        outboxRecord('whd_a', { next_attempt_at: NOW - 2_000 }),
        outboxRecord('whd_c', { next_attempt_at: NOW - 1_000 }),
      ])
      expect(await store().outbox.countPending()).toBe(4)
      const claimed = await claim(store(), 'whw_1', NOW, 2)
      expect(claimed.map((r) => r.id)).toEqual(['whd_a', 'whd_b'])
      expect(claimed[0]).toEqual(
        outboxRecord('whd_a', {
          next_attempt_at: NOW - 2_000,
          attempts: 1,
          lease_owner: 'whw_1',
          lease_until: NOW + LEASE,
        }),
      )
      // Leased ones are not claimed again; the one not yet due is not claimed at all.
      expect((await claim(store(), 'whw_2')).map((r) => r.id)).toEqual(['whd_c'])
      expect(await claim(store(), 'whw_3')).toEqual([])
      expect(await store().outbox.countPending()).toBe(4)
    })

    test('a lease that ran out (its instance crashed) is taken over, with the attempt counted again', async () => {
      await store().outbox.enqueue([outboxRecord('whd_1')])
      expect(await claim(store(), 'whw_crashed')).toHaveLength(1)
      expect(await claim(store(), 'whw_other', NOW + LEASE - 1)).toEqual([])
      const [taken] = await claim(store(), 'whw_other', NOW + LEASE)
      expect(taken).toMatchObject({ id: 'whd_1', attempts: 2, lease_owner: 'whw_other' })
      // The crashed instance's late report no longer applies; the new holder's does.
      expect(await store().outbox.fail('whd_1', 'whw_crashed', NOW + LEASE, NOW + LEASE + 5, 'HTTP 500')).toBe(false)
      expect(await store().outbox.fail('whd_1', 'whw_other', NOW + LEASE, NOW + LEASE + 5, 'HTTP 500')).toBe(true)
    })

    test('complete deletes the delivery, once', async () => {
      await store().outbox.enqueue([outboxRecord('whd_1'), outboxRecord('whd_2')])
      await claim(store(), 'whw_1')
      expect(await store().outbox.complete('whd_1')).toBe(true)
      expect(await store().outbox.complete('whd_1')).toBe(false)
      expect(await store().outbox.countPending()).toBe(1)
      expect(await claim(store(), 'whw_1', NOW + LEASE)).toMatchObject([{ id: 'whd_2' }])
    })

    test('fail reschedules with the lease released, or makes a dead letter; requeue brings one or all back', async () => {
      await store().outbox.enqueue([outboxRecord('whd_1'), outboxRecord('whd_2'), outboxRecord('whd_3')])
      await claim(store(), 'whw_1')
      expect(await store().outbox.fail('whd_1', 'whw_1', NOW, NOW + 4_000, 'HTTP 503')).toBe(true)
      expect(await claim(store(), 'whw_2', NOW + 3_999)).toEqual([])
      expect(await claim(store(), 'whw_2', NOW + 4_000)).toEqual([
        outboxRecord('whd_1', {
          attempts: 2,
          next_attempt_at: NOW + 4_000,
          lease_owner: 'whw_2',
          lease_until: NOW + 4_000 + LEASE,
          last_error: 'HTTP 503',
        }),
      ])

      expect(await store().outbox.fail('whd_2', 'whw_1', NOW + 10, null, 'timeout')).toBe(true)
      expect(await store().outbox.fail('whd_3', 'whw_1', NOW + 20, null, 'network error')).toBe(true)
      // A dead letter is no longer pending, claimed, or failed again.
      expect(await store().outbox.fail('whd_2', 'whw_1', NOW + 30, null, 'again')).toBe(false)
      expect(await claim(store(), 'whw_3', NOW + 10 * LEASE)).toMatchObject([{ id: 'whd_1' }])
      expect(await store().outbox.countPending()).toBe(1)
      const dead = await store().outbox.listDead()
      expect(dead.map((r) => [r.id, r.status, r.dead_at, r.last_error, r.attempts])).toEqual([
        ['whd_2', 'dead', NOW + 10, 'timeout', 1],
        ['whd_3', 'dead', NOW + 20, 'network error', 1],
      ])

      expect(await store().outbox.requeue('whd_3', NOW + 100)).toBe(1)
      expect(await store().outbox.requeue('whd_unknown', NOW + 100)).toBe(0)
      expect((await store().outbox.listDead()).map((r) => r.id)).toEqual(['whd_2'])
      expect(await store().outbox.requeue(undefined, NOW + 200)).toBe(1)
      expect(await store().outbox.listDead()).toEqual([])
      const back = await claim(store(), 'whw_4', NOW + 200)
      expect(back.map((r) => [r.id, r.status, r.attempts, r.dead_at])).toEqual([
        ['whd_3', 'pending', 1, null],
        ['whd_2', 'pending', 1, null],
      ])
    })

    test('many claimers at once get disjoint deliveries, and every due delivery is claimed once', async () => {
      const ids = Array.from({ length: 60 }, (_, i) => `whd_${String(i).padStart(2, '0')}`)
      await store().outbox.enqueue(ids.map((id) => outboxRecord(id)))
      const batches = await Promise.all(Array.from({ length: 30 }, (_, i) => claim(store(), `whw_${i}`, NOW, 3)))
      const claimed = batches.flat()
      expect(claimed.map((r) => r.id).sort()).toEqual(ids)
      // Each one carries the lease of the claimer that got it.
      batches.forEach((batch, i) => {
        for (const record of batch) expect(record).toMatchObject({ lease_owner: `whw_${i}`, attempts: 1 })
      })
      expect(await claim(store(), 'whw_late')).toEqual([])
    })

    test('a transaction records the change and its deliveries together', async () => {
      const result = await store().transaction(async (tx) => {
        await tx.users.create(userRecord('usr_1'))
        await tx.outbox.enqueue([outboxRecord('whd_1')])
        return 'done'
      })
      expect(result).toBe('done')
      expect(await store().users.get('usr_1')).toEqual(userRecord('usr_1'))
      expect(await claim(store(), 'whw_1')).toMatchObject([{ id: 'whd_1' }])
    })

    test.runIf(rollsBack)('a transaction that throws keeps neither the change nor its deliveries', async () => {
      const failed = store().transaction(async (tx) => {
        await tx.users.create(userRecord('usr_1'))
        await tx.outbox.enqueue([outboxRecord('whd_1')])
        throw new Error('refused')
      })
      await expect(failed).rejects.toThrow('refused')
      expect(await store().users.get('usr_1')).toBeUndefined()
      expect(await store().outbox.countPending()).toBe(0)
    })

    test.runIf(rollsBack)('a repository transaction that fails inside one is undone alone (a savepoint)', async () => {
      await createUsers(store(), 'usr_1')
      const owner = (orgId: string) => ({
        organization_id: orgId,
        user_id: 'usr_1',
        role: 'owner' as const,
        joined_at: NOW,
      })
      await store().organizations.create(organizationRecord('org_1', { slug: 'acme' }), owner('org_1'))
      await store().transaction(async (tx) => {
        await tx.outbox.enqueue([outboxRecord('whd_1')])
        // organizations.create is a transaction of its own; its unique violation must not abort this one.
        await expect(
          tx.organizations.create(organizationRecord('org_2', { slug: 'acme' }), owner('org_2')),
        ).rejects.toBeInstanceOf(UniqueConstraintError)
        await tx.users.create(userRecord('usr_2'))
      })
      expect(await store().organizations.get('org_2')).toBeUndefined()
      expect(await store().users.get('usr_2')).toEqual(userRecord('usr_2'))
      expect(await store().outbox.countPending()).toBe(1)
    })
  })
}

// The memory store answers its request-path lookups from indexes: the work of a sign-in or a refresh does
// not grow with the number of stored accounts. Measured deterministically: the store runs over a state whose
// collections are proxies counting every property access, so a scan shows up as thousands of accesses; no
// timing is involved.
import { describe, expect, test } from 'vitest'
import { resolveConfig, sweepStore } from '../index'
import { buildIndexes, type StoreIndexes } from '../store/memory/indexes'
import { createStateStore, memoryRepositories } from '../store/memory/memory-store'
import { emptyState, memoryContext, type MemoryContext, type StoreState } from '../store/memory/state'
import type { PlintoStore } from '../store/types'
import {
  emailTokenRecord,
  invitationRecord,
  NOW,
  organizationRecord,
  refreshTokenRecord,
  sessionRecord,
  userRecord,
} from './store-conformance/records'

const MINUTE = 60_000
const COUNTED = [
  'users',
  'sessions',
  'refreshTokens',
  'emailTokens',
  'organizations',
  'memberships',
  'invitations',
] as const

/** Seeds `accounts` users, each with a session, a refresh token and an organization they own, through the store API. */
async function seeded(accounts: number): Promise<{ state: StoreState; store: PlintoStore }> {
  const state = emptyState()
  const store = createStateStore(state, () => Promise.resolve())
  for (let i = 0; i < accounts; i++) {
    const id = `usr_${i}`
    await store.users.create(userRecord(id, { username: `user${i}`, username_normalized: `user${i}` }))
    const session = sessionRecord(`sess_${i}`, id)
    await store.sessions.create(session)
    await store.refreshTokens.create(refreshTokenRecord(`rt_${i}`, session, { expires_at: NOW + (i + 1) * MINUTE }))
    await store.organizations.create(organizationRecord(`org_${i}`), {
      organization_id: `org_${i}`,
      user_id: id,
      role: 'owner',
      joined_at: NOW,
    })
    await store.invitations.create(invitationRecord(`inv_${i}`, `org_${i}`, { token_hash: `ih_${i}` }))
  }
  return { state, store }
}

/** Replaces the state's collections by proxies that count every access; returns the running count. */
function countAccesses(state: StoreState): { readonly count: number } {
  const counter = { count: 0 }
  const traps: ProxyHandler<object> = {
    get: (target, key, receiver) => {
      counter.count++
      return Reflect.get(target, key, receiver)
    },
    ownKeys: (target) => {
      const keys = Reflect.ownKeys(target)
      counter.count += keys.length
      return keys
    },
    getOwnPropertyDescriptor: (target, key) => {
      counter.count++
      return Reflect.getOwnPropertyDescriptor(target, key)
    },
  }
  for (const name of COUNTED) (state as unknown as Record<string, object>)[name] = new Proxy(state[name], traps)
  return counter
}

/** What a sign-in and a refresh ask of the store (as the domain does), plus the other indexed lookups. */
async function signInAndRefresh(store: PlintoStore, i: number): Promise<void> {
  const now = NOW + 30 * MINUTE
  const user = await store.users.getByEmail(`usr_${i}@example.com`)
  expect(user?.id).toBe(`usr_${i}`)
  const session = sessionRecord(`sess_new_${i}`, `usr_${i}`, { created_at: now })
  await store.sessions.create(session)
  await store.refreshTokens.create(refreshTokenRecord(`rt_new_${i}`, session))
  expect(await store.users.update(`usr_${i}`, { last_sign_in_at: now })).toMatchObject({ last_sign_in_at: now })

  expect(await store.refreshTokens.getByHash(`rt_new_${i}`)).toMatchObject({ session_id: `sess_new_${i}` })
  expect(await store.sessions.get(`sess_new_${i}`)).toMatchObject({ user_id: `usr_${i}` })
  await store.refreshTokens.wipeSuccessors(now - MINUTE)
  await store.refreshTokens.deleteExpired(now)
  expect(await store.refreshTokens.markRotated(`rt_new_${i}`, now, 'box')).toBe(true)
  await store.refreshTokens.create(refreshTokenRecord(`rt_next_${i}`, session))
  await store.sessions.update(`sess_new_${i}`, { last_active_at: now })

  expect(await store.users.getByUsername(`user${i}`)).toMatchObject({ id: `usr_${i}` })
  expect(await store.sessions.listByUser(`usr_${i}`)).toHaveLength(2)
  expect(await store.memberships.listByUser(`usr_${i}`)).toHaveLength(1)
  expect(await store.invitations.getByTokenHash(`ih_${i}`)).toMatchObject({ id: `inv_${i}` })
  expect(await store.organizations.getBySlug(`org-${i}`)).toMatchObject({ id: `org_${i}` })
}

describe('memory store indexes', () => {
  test('a sign-in and a refresh touch as many stored entries among 20,000 accounts as among 100', async () => {
    const accessesAt = async (accounts: number) => {
      const { state, store } = await seeded(accounts)
      // The first 30 refresh tokens (rt_0 … rt_29) have expired by the time of the sweep; both sizes have them.
      const counter = countAccesses(state)
      await signInAndRefresh(store, 42)
      const count = counter.count
      expect(await store.refreshTokens.getByHash('rt_28')).toBeUndefined()
      expect(await store.refreshTokens.getByHash('rt_30')).toBeDefined()
      return count
    }
    const small = await accessesAt(100)
    const large = await accessesAt(20_000)
    expect(large).toBe(small)
    // A scan of any collection alone would be 20,000 accesses or more.
    expect(large).toBeLessThan(500)
  }, 60_000)

  test('a delete cascades through the indexes without scanning the others’ records', async () => {
    const { state, store } = await seeded(20_000)
    const counter = countAccesses(state)
    expect(await store.users.delete('usr_7')).toBe(true)
    expect(counter.count).toBeLessThan(500)
    expect(await store.sessions.listByUser('usr_7')).toEqual([])
    expect(await store.refreshTokens.getByHash('rt_7')).toBeUndefined()
    expect(await store.memberships.listByUser('usr_7')).toEqual([])
    expect(await store.users.getByEmail('usr_7@example.com')).toBeUndefined()
    expect(await store.users.getByUsername('user7')).toBeUndefined()
  }, 60_000)
})

/** A memory store over `context`, built as createStateStore builds one, so the test can read its indexes. */
function storeOver(context: MemoryContext): PlintoStore {
  const repositories = memoryRepositories(context)
  return {
    ...repositories,
    transaction: (fn) => fn(repositories),
    ping: async () => true,
    flush: async () => undefined,
    close: async () => undefined,
  }
}

/** The lookup indexes (not the heaps, which keep stale entries by design) as sorted plain data. */
function lookups(indexes: StoreIndexes) {
  const sets = (map: Map<string, Set<string>>) =>
    Object.fromEntries(
      [...map].map(([key, set]) => [key, [...set].sort()] as const).sort(([a], [b]) => a.localeCompare(b)),
    )
  return {
    userByEmail: Object.fromEntries(indexes.userByEmail),
    userByUsername: Object.fromEntries(indexes.userByUsername),
    sessionByRefreshFamily: Object.fromEntries(indexes.sessionByRefreshFamily),
    sessionsByUser: sets(indexes.sessionsByUser),
    refreshTokensBySession: sets(indexes.refreshTokensBySession),
    refreshTokensWithSuccessor: [...indexes.refreshTokensWithSuccessor].sort(),
    emailTokensByUser: sets(indexes.emailTokensByUser),
  }
}

describe('memory store indexes after sweeps', () => {
  test('stay what a rebuild from the state gives, through sign-ins, rotations, revocations, deletions and sweeps', async () => {
    const state = emptyState()
    const context = memoryContext(state, () => Promise.resolve())
    const store = storeOver(context)
    const config = resolveConfig('test')
    let now = NOW
    let serial = 0
    const current = new Map<string, string>()
    for (let u = 0; u < 6; u++) await store.users.create(userRecord(`usr_${u}`))

    for (let round = 0; round < 40; round++) {
      now += 5 * MINUTE
      const userId = `usr_${round % 6}`
      if (await store.users.get(userId)) {
        // A sign-in (family session), short-lived every third time so that expiry sweeps find some.
        const session = sessionRecord(`sess_${round}`, userId, {
          created_at: now,
          expires_at: now + (round % 3 === 0 ? 20 * MINUTE : 30 * 24 * 60 * MINUTE),
          refresh_family_hash: `family_${round}`,
        })
        const first = refreshTokenRecord(`rt_${serial++}`, session, { created_at: now, expires_at: session.expires_at })
        await store.sessions.start(session, first)
        current.set(session.id, first.token_hash)
        await store.emailTokens.create(emailTokenRecord(`et_${round}`, userId, { expires_at: now + 10 * MINUTE }))
      }
      // Every live session rotates; two concurrent rotations of one token, one of which loses.
      for (const [sessionId, hash] of current) {
        const session = await store.sessions.get(sessionId)
        if (!session || session.revoked_at !== null || session.expires_at <= now) continue
        const rotation = (n: number) => ({
          rotatedAt: now,
          successorBox: 'box',
          successor: refreshTokenRecord(`rt_${n}`, session, { created_at: now, expires_at: session.expires_at }),
          session: { last_active_at: now, expires_at: session.expires_at, active_organization_id: null },
          wipeSuccessorsRotatedBefore: now - config.refreshGraceSeconds * 1000 - 1,
        })
        const a = serial++
        const b = serial++
        const [wonA] = await Promise.all([
          store.refreshTokens.rotate(hash, rotation(a)),
          store.refreshTokens.rotate(hash, rotation(b)),
        ])
        current.set(sessionId, `rt_${wonA ? a : b}`)
      }
      if (round % 4 === 1) await store.sessions.revoke(`sess_${round - 1}`, 'signout', now)
      if (round % 7 === 6) await store.sessions.revokeByUser(userId, 'password_change', now)
      if (round === 20) await store.users.delete('usr_5')
      if (round % 2 === 0) await sweepStore(store, config, now)

      expect(lookups(context.indexes)).toEqual(lookups(buildIndexes(state)))
      // Nothing the sweep has to find is missing from its queue: an ended family session still holding tokens is queued.
      for (const session of Object.values(state.sessions)) {
        if (session.revoked_at === null || !session.refresh_family_hash) continue
        if (context.indexes.refreshTokensBySession.has(session.id))
          expect(context.indexes.endedSessions.has(session.id)).toBe(true)
      }
    }
    // The heaps cover every record: at the end of time one sweep empties the sessions and tokens.
    await sweepStore(store, config, now + 365 * 24 * 60 * MINUTE)
    expect(state.sessions).toEqual({})
    expect(state.refreshTokens).toEqual({})
    expect(state.emailTokens).toEqual({})
    expect(lookups(context.indexes)).toEqual(lookups(buildIndexes(state)))
  })
})

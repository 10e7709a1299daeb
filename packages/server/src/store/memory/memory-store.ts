import type { PlintoStore, StoreRepositories } from '../types'
import { memoryChallenges, memoryMfa, memoryOAuthAccounts, memoryPasskeys } from './factors'
import { memoryRateLimits } from './rate-limits'
import { memoryInvitations, memoryMemberships, memoryOrganizations } from './organizations'
import { memoryOutbox } from './outbox'
import { memoryRefreshTokens, memorySessions, memorySigningKeys } from './sessions'
import { emptyState, memoryContext, type MemoryContext, type StoreState } from './state'
import { memoryEmailTokens, memoryUsers } from './users'

/**
 * An in-memory store: the default of `createPlintoApp`, and what `@plinto/testing` uses. Nothing survives
 * the process; use `createEmbeddedStore` (a data directory) or `createPostgresStore` from `@plinto/server/node` for that.
 *
 * @example
 * ```ts
 * const store = createMemoryStore()
 * const app = createPlintoApp({ store })
 * ```
 */
export function createMemoryStore(): PlintoStore {
  return createStateStore(emptyState(), () => Promise.resolve())
}

/**
 * A store over a {@link StoreState}. Each operation runs to completion without awaiting in the middle, so
 * on one event loop every operation is atomic (`markRotated` and `consume` rely on it). `persist` is
 * called after every mutation and awaited before the operation resolves: the file store makes each
 * accepted write durable that way.
 */
export function createStateStore(
  state: StoreState,
  persist: () => Promise<void>,
  close: () => Promise<void> = persist,
): PlintoStore {
  const context = memoryContext(state, persist)
  // The repositories a transaction gets: the same state, but writes are not persisted one by one; the
  // transaction persists once when its function is done, so a change and its events reach disk together.
  const inTransaction = memoryRepositories({
    ...context,
    mutate: async (change) => change(),
    sweep: async (change) => void change(),
  })
  return {
    ...memoryRepositories(context),
    async transaction(fn) {
      let result: Awaited<ReturnType<typeof fn>>
      try {
        result = await fn(inTransaction)
      } catch (error) {
        // What was applied before the failure is in memory: disk must not lag behind it.
        await persist().catch(() => undefined)
        throw error
      }
      await persist()
      return result
    },
    ping: async () => true,
    flush: persist,
    close,
  }
}

/** The repositories over one memory state (what a store and its transactions are made of). */
export function memoryRepositories(context: MemoryContext): StoreRepositories {
  return {
    users: memoryUsers(context),
    sessions: memorySessions(context),
    refreshTokens: memoryRefreshTokens(context),
    emailTokens: memoryEmailTokens(context),
    signingKeys: memorySigningKeys(context),
    organizations: memoryOrganizations(context),
    memberships: memoryMemberships(context),
    invitations: memoryInvitations(context),
    mfa: memoryMfa(context),
    challenges: memoryChallenges(context),
    passkeys: memoryPasskeys(context),
    oauthAccounts: memoryOAuthAccounts(context),
    rateLimits: memoryRateLimits(context),
    outbox: memoryOutbox(context),
  }
}

import { addListener, notify } from './events'
import type { OrganizationRole, User } from '@plinto/contract'

/**
 * The client's public state, for `useSyncExternalStore` and friends. Frozen, and the very same object
 * until something in it changes; so is each part of it (the `user`) until that part changes, so
 * `Object.is` comparisons are enough to skip renders.
 *
 * @example
 * ```ts
 * const { status, user } = plinto.getSnapshot()
 * if (status === 'signed_in') greet(user.first_name)
 * ```
 */
export type AuthSnapshot =
  | {
      readonly status: 'loading'
      readonly user: null
      readonly expiresAt: null
      readonly organizationId?: null
      readonly organizationRole?: null
    }
  | {
      readonly status: 'signed_out'
      readonly user: null
      readonly expiresAt: null
      readonly organizationId?: null
      readonly organizationRole?: null
    }
  | {
      readonly status: 'signed_in'
      readonly user: User
      /** When the current access token expires, ms since the epoch. */
      readonly expiresAt: number
      /**
       * The active organization (`organizations.setActive`), `null` for none: the access token's `org_id`, so
       * it is what the server vouches for (and drops at the next refresh when the user left it).
       */
      readonly organizationId: string | null
      /**
       * The user's role in it, the access token's `org_role` (updated at each refresh); `null` for none. Check
       * it with `createHas(snapshot.organizationRole)({ role: 'admin' })`.
       */
      readonly organizationRole: OrganizationRole | null
    }

/** Internal state holder. */
export interface Store {
  getSnapshot(): AuthSnapshot
  subscribe(listener: () => void): () => void
  set(next: AuthSnapshot): void
  clear(): void
}

/**
 * `next` as frozen data, except that every part deep-equal to the same part of `previous` is `previous`'s
 * object: the result is `previous` itself when nothing changed, and an unchanged user stays the very same
 * object in a snapshot that changed elsewhere (a token refresh), so `Object.is` is enough for a selector.
 * Parts that changed are frozen copies, never the caller's objects. The idea of TanStack Query's
 * `replaceEqualDeep`, written out for the JSON-like data snapshots hold instead of imported: query-core is
 * not a dependency of the SDK, and this is a dozen lines of its size budget.
 */
export function replaceEqualDeep<T>(previous: unknown, next: T): T {
  if (typeof next !== 'object' || next === null) return next
  const before = previous as Record<string, unknown> | null | undefined
  const copy = (Array.isArray(next) ? [] : {}) as Record<string, unknown>
  let same =
    typeof before === 'object' &&
    !!before &&
    Array.isArray(before) === Array.isArray(next) &&
    Object.keys(before).length === Object.keys(next).length
  for (const key in next) {
    copy[key] = replaceEqualDeep(before?.[key], next[key])
    // biome-ignore lint/style/noNonNullAssertion: `same` starts false unless `before` is an object, and `&&=` then skips the read; `?.` would cost main-chunk bytes
    same &&= copy[key] === before![key]
  }
  return (same ? previous : Object.freeze(copy)) as T
}

/** Creates the store, starting in `loading` until the stored session has been read. */
export function createStore(): Store {
  let snapshot: AuthSnapshot = Object.freeze({ status: 'loading', user: null, expiresAt: null, organizationId: null })
  const listeners = new Set<() => void>()
  return {
    getSnapshot: () => snapshot,
    subscribe: (listener) => addListener(listeners, listener),
    set(next) {
      const shared = replaceEqualDeep(snapshot, next)
      if (shared === snapshot) return
      snapshot = shared
      notify(listeners)
    },
    clear: () => listeners.clear(),
  }
}

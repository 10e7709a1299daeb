import { reportListenerError } from './events'
import type { User } from '@plinto/contract'

/**
 * The client's public state, for `useSyncExternalStore` and friends. Frozen, and the very same object
 * until something in it changes, so `Object.is` comparisons are enough to skip renders.
 *
 * @example
 * ```ts
 * const { status, user } = plinto.getSnapshot()
 * if (status === 'signed_in') greet(user.first_name)
 * ```
 */
export type AuthSnapshot =
  | { readonly status: 'loading'; readonly user: null; readonly expiresAt: null; readonly organizationId?: null }
  | { readonly status: 'signed_out'; readonly user: null; readonly expiresAt: null; readonly organizationId?: null }
  | {
      readonly status: 'signed_in'
      readonly user: User
      /** When the current access token expires, ms since the epoch. */
      readonly expiresAt: number
      /** The active organization (`organizations.setActive`), `null` for none. */
      readonly organizationId: string | null
    }

/** Internal state holder. */
export interface Store {
  getSnapshot(): AuthSnapshot
  subscribe(listener: () => void): () => void
  set(next: AuthSnapshot): void
  clear(): void
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

/**
 * Equal as JSON: for snapshots (built with their keys in one order, `organizationId` never `undefined`) and
 * for users, whose copies come from storage, other tabs and the API.
 */
export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Creates the store, starting in `loading` until the stored session has been read. */
export function createStore(): Store {
  let snapshot: AuthSnapshot = deepFreeze({ status: 'loading', user: null, expiresAt: null, organizationId: null })
  const listeners = new Set<() => void>()
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      const entry = () => listener()
      listeners.add(entry)
      return () => void listeners.delete(entry)
    },
    set(next) {
      if (sameJson(snapshot, next)) return
      snapshot = deepFreeze({ ...next, user: next.user === null ? null : { ...next.user } } as AuthSnapshot)
      for (const listener of [...listeners]) {
        try {
          listener()
        } catch (error) {
          reportListenerError(error)
        }
      }
    },
    clear: () => listeners.clear(),
  }
}

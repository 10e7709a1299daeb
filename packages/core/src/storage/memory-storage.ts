import type { StorageAdapter } from './types'

/**
 * A storage adapter that keeps values in memory: the session lasts as long as the client. The default
 * where there is no `localStorage` (SSR, Node, workers); also useful to share one store between clients in tests.
 *
 * @example
 * ```ts
 * const plinto = new PlintoClient({ apiUrl, tokenStorage: createMemoryStorage() })
 * ```
 */
export function createMemoryStorage(): StorageAdapter {
  const values = new Map<string, string>()
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  }
}

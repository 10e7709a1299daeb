/**
 * Where the client keeps its session between page loads. Any object with these three methods works,
 * synchronous (`localStorage`) or asynchronous (IndexedDB, React Native AsyncStorage, an encrypted store).
 *
 * @example
 * ```ts
 * const adapter: StorageAdapter = {
 *   getItem: (key) => AsyncStorage.getItem(key),
 *   setItem: (key, value) => AsyncStorage.setItem(key, value),
 *   removeItem: (key) => AsyncStorage.removeItem(key),
 * }
 * new PlintoClient({ apiUrl, tokenStorage: adapter })
 * ```
 */
export interface StorageAdapter {
  /**
   * The key the session is stored under (and the cross-tab channel name). Default `plinto_auth_token`.
   * Not `key`: Web Storage objects, which are valid adapters as they are, have a `key()` method.
   */
  readonly storageKey?: string
  /**
   * The stored value (the serialized session) under `key`, or `null`/`undefined` when nothing is stored; may return a
   * promise.
   */
  getItem(key: string): string | null | undefined | Promise<string | null | undefined>
  /** Stores `value` under `key`, replacing any earlier value; called after sign-in and after every token refresh. */
  setItem(key: string, value: string): void | Promise<void>
  /** Deletes the value under `key` (sign-out, revoked session); must not fail when nothing is stored. */
  removeItem(key: string): void | Promise<void>
}

/**
 * The built-in storage modes.
 *
 * @example
 * ```ts
 * const type: TokenStorageType = 'cookie'
 * new PlintoClient({ apiUrl, tokenStorage: { type } })
 * ```
 */
export type TokenStorageType = 'localStorage' | 'sessionStorage' | 'memory' | 'cookie'

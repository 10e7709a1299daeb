/**
 * The browser's `localStorage` / `sessionStorage`, looked up when a client is built (never at import).
 * `null` when the runtime has none (SSR, Node, workers); merely touching the property can throw where
 * storage is disabled, which the caller reports as `STORAGE_ERROR`.
 */
export function getWebStorage(type: 'localStorage' | 'sessionStorage'): Storage | null {
  const storage = (globalThis as { localStorage?: Storage; sessionStorage?: Storage })[type]
  return storage && typeof storage.getItem === 'function' ? storage : null
}

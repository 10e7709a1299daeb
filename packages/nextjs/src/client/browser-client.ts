import { PlintoClient } from '@plinto/typescript-sdk'

/** How the browser keeps the Plinto session (see the SDK's `tokenStorage`). */
export type TokenStorageMode = 'localStorage' | 'cookie'

let browserClient: PlintoClient | undefined

/**
 * The Plinto client of the app's client components.
 *
 * - In the browser: one client for the page's lifetime, kept across client-side navigations. It holds the
 *   session (tokens in `localStorage`, or the refresh token in the API's HttpOnly cookie) and refreshes it.
 * - During server rendering: a new, empty client for each render. This module is shared by every request on
 *   the server, so it must never keep a client (a session) there. That client stores nothing, reads nothing and
 *   makes no request; the hooks render the server's view (`initialState`) and the browser takes over.
 */
export function browserPlintoClient(apiUrl: string, tokenStorage: TokenStorageMode): PlintoClient {
  if (typeof window === 'undefined') {
    return new PlintoClient({ apiUrl, tokenStorage: { type: 'memory' }, session: { autoRefresh: false } })
  }
  browserClient ??= new PlintoClient({ apiUrl, tokenStorage: { type: tokenStorage } })
  return browserClient
}

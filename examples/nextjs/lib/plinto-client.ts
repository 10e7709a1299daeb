import { PlintoClient } from '@plinto/typescript-sdk'

export interface PlintoClientSettings {
  apiUrl: string
  tokenStorage: 'localStorage' | 'cookie'
}

let browserClient: PlintoClient | undefined

/**
 * The Plinto client for the app's client components.
 *
 * - In the browser: one client for the page's lifetime, kept across client-side navigations. It holds
 *   the session (tokens in `localStorage`, or the refresh token in the API's HttpOnly cookie) and refreshes it.
 * - During server rendering: a new, empty client for each render. This module is shared by every request
 *   on the server, so it must never keep a client (a session) there. The client stores nothing, reads no
 *   storage or cookie and makes no request; the components render their loading state, and the browser takes
 *   over after hydration.
 */
export function getPlintoClient({ apiUrl, tokenStorage }: PlintoClientSettings): PlintoClient {
  if (typeof window === 'undefined') {
    return new PlintoClient({ apiUrl, tokenStorage: { type: 'memory' }, session: { autoRefresh: false } })
  }
  browserClient ??= new PlintoClient({ apiUrl, tokenStorage: { type: tokenStorage } })
  return browserClient
}

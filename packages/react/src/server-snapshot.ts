import type { AuthSnapshot } from '@plinto/typescript-sdk'

/**
 * What every hook reads during server rendering and hydration. The server cannot know the browser's
 * session (it lives in browser storage or an HttpOnly cookie), so it renders "loading"; hydration then
 * renders the same, and React re-renders with the client's real state right after. This is what keeps
 * server HTML and the first client render identical (no hydration mismatch).
 */
export const SERVER_SNAPSHOT: AuthSnapshot = Object.freeze({ status: 'loading', user: null, expiresAt: null })

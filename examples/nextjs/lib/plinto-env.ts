import 'server-only'

/**
 * How the browser keeps the Plinto session: `localStorage`, or `cookie` (the refresh token in the API's HttpOnly
 * cookie).
 */
export type TokenStorageMode = 'localStorage' | 'cookie'

/** The Plinto settings of this app, from its environment. */
export interface PlintoEnv {
  /** Root URL of the Plinto API, without `/api/v1`. Used by the server and handed to the browser. */
  apiUrl: string
  /** The `iss` and `aud` access tokens must carry. */
  issuer: string
  audience: string
  tokenStorage: TokenStorageMode
}

/**
 * Reads the environment on every call, at request time (every page here is rendered per request), so one
 * build runs against any Plinto server: nothing is baked into the build or the browser bundle.
 */
export function plintoEnv(): PlintoEnv {
  return {
    apiUrl: (process.env.PLINTO_API_URL || 'http://localhost:8000').replace(/\/+$/, ''),
    issuer: process.env.PLINTO_ISSUER || 'plinto',
    audience: process.env.PLINTO_AUDIENCE || 'plinto',
    tokenStorage: process.env.PLINTO_TOKEN_STORAGE === 'cookie' ? 'cookie' : 'localStorage',
  }
}

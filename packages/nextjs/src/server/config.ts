import { PlintoError } from '@plinto/typescript-sdk/server'

/** The name of the app's own cookie that holds a verified copy of the user's current access token. */
export const SESSION_COOKIE = 'plinto_session'

/**
 * The request header through which the gate tells server code the path (and query) that was asked for, so that
 * `auth().protect()` can send a signed-out visitor to the sign-in page with a return URL. Set by the gate on
 * every request it sees; a value sent by the browser is overwritten. Only ever used as a return path, which the
 * sign-in page checks with `safeReturnPath`.
 */
export const RETURN_PATH_HEADER = 'x-plinto-return-path'

/**
 * Settings of `@plinto/nextjs`. Every field is optional: what is not given is read from the environment of
 * the running server (at request time, never baked into a build).
 *
 * @example
 * ```ts
 * const options: PlintoNextOptions = { apiUrl: 'https://auth.example.com', signInUrl: '/login' }
 * ```
 */
export interface PlintoNextOptions {
  /** Root URL of the Plinto API (no `/api/v1`). Default: `PLINTO_API_URL`, which must then be set. */
  apiUrl?: string
  /** The `iss` access tokens must carry. Default: `PLINTO_ISSUER`, else `'plinto'` (the reference server's). */
  issuer?: string | string[]
  /** The `aud` access tokens must carry. Default: `PLINTO_AUDIENCE`, else `'plinto'` (the reference server's). */
  audience?: string | string[]
  /** Path of the app's sign-in page. Default: `PLINTO_SIGN_IN_URL`, else `'/sign-in'`. */
  signInUrl?: string
  /**
   * The `fetch` the JWKS and `GET /auth/me` are requested with (a proxy-aware agent, instrumentation). Pass the
   * same function every time: the key cache is kept per `fetch`.
   */
  fetch?: typeof fetch
}

/** {@link PlintoNextOptions} with every default applied. */
export interface ResolvedConfig {
  apiUrl: string
  issuer: string | string[]
  audience: string | string[]
  signInUrl: string
  fetch: typeof fetch | undefined
}

/** The server's environment variables; none where there is no `process` (then options must say everything). */
export function environment(): Record<string, string | undefined> {
  return typeof process === 'undefined' ? {} : process.env
}

/**
 * `options` over the environment, read on every call (at request time): one build runs against any Plinto
 * server. Throws a `CONFIG_ERROR` when no API URL is known, on the first request, rather than verifying tokens
 * against a default that is wrong in production.
 */
export function resolveConfig(options: PlintoNextOptions = {}): ResolvedConfig {
  const env = environment()
  const apiUrl = (options.apiUrl ?? env.PLINTO_API_URL ?? '').replace(/\/+$/, '')
  if (apiUrl === '') {
    throw new PlintoError(
      'CONFIG_ERROR',
      '@plinto/nextjs needs the URL of your Plinto API: set PLINTO_API_URL (or pass apiUrl)',
    )
  }
  const signInUrl = options.signInUrl ?? (env.PLINTO_SIGN_IN_URL || '/sign-in')
  if (!signInUrl.startsWith('/') || signInUrl.startsWith('//')) {
    throw new PlintoError('CONFIG_ERROR', '@plinto/nextjs: signInUrl must be a path of this app, such as /sign-in')
  }
  return {
    apiUrl,
    issuer: options.issuer ?? (env.PLINTO_ISSUER || 'plinto'),
    audience: options.audience ?? (env.PLINTO_AUDIENCE || 'plinto'),
    signInUrl,
    fetch: options.fetch,
  }
}

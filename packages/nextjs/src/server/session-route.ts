import { NextResponse, type NextRequest } from 'next/server'
import { type PlintoNextOptions, SESSION_COOKIE, resolveConfig } from './config'
import { fetchUser } from './fetch-user'
import { isSameOrigin } from './same-origin'
import { verifySessionToken } from './verify-session'

/** Where the provider sends the browser's tokens unless told otherwise. */
export const DEFAULT_SESSION_ROUTE = '/api/session'

const NO_STORE = { 'cache-control': 'no-store' }
const MAX_BODY_BYTES = 16 * 1024

const refuse = (status: number, error_code: string, detail: string) =>
  NextResponse.json({ error_code, detail }, { status, headers: NO_STORE })

/** HTTPS directly, or behind a proxy that terminated it: then the cookie is `Secure`. */
const isHttps = (request: NextRequest) =>
  request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https'

/**
 * The cookie's attributes: out of reach of scripts (`HttpOnly`), not sent on cross-site sub-requests or form
 * posts (`SameSite=Lax`), over HTTPS only when the app is served over HTTPS, gone when the token expires.
 */
const cookieOptions = (secure: boolean, maxAge: number) =>
  ({ httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge }) as const

/**
 * The route handlers {@link sessionRoute} returns: export them from `app/api/session/route.ts`.
 *
 * @example
 * ```ts
 * const { POST, DELETE }: SessionRouteHandlers = sessionRoute()
 * ```
 */
export interface SessionRouteHandlers {
  /** Verifies the posted `{ access_token }` and stores it as the `plinto_session` cookie (204), or answers an error. */
  POST(request: NextRequest): Promise<Response>
  /** Removes the `plinto_session` cookie (204). */
  DELETE(request: NextRequest): Promise<Response>
}

/**
 * The handlers of the route that keeps the app's `plinto_session` cookie in step with the browser's session
 * (the provider calls it on sign-in, every token refresh, organization switch and sign-out):
 *
 * - `POST` `{ access_token }`: the token is verified (signature, issuer, audience, expiry, and a live session on
 *   the Plinto server) before it becomes the cookie (`HttpOnly; SameSite=Lax; Path=/`, `Secure` over HTTPS,
 *   expiring with the token). 204, or a JSON error: 403 cross-site, 415 not JSON, 413 too large, 400 no token,
 *   401 not a valid token.
 * - `DELETE`: removes the cookie (204).
 *
 * Both refuse requests from other sites (`Origin`, `Sec-Fetch-Site`): another site posting its own valid token
 * would otherwise sign the visitor into the attacker's account (login CSRF). Only the short-lived access token
 * is ever stored; the refresh token stays with the browser's client, so this server cannot extend a session.
 *
 * @example
 * ```ts
 * // app/api/session/route.ts
 * import { sessionRoute } from '@plinto/nextjs/server'
 *
 * export const { POST, DELETE } = sessionRoute()
 * ```
 */
export function sessionRoute(options: PlintoNextOptions = {}): SessionRouteHandlers {
  return {
    async POST(request) {
      if (!isSameOrigin(request)) return refuse(403, 'FORBIDDEN', 'Cross-site requests are not accepted')
      // JSON only: a cross-site HTML form cannot send it without a CORS preflight, which this route never allows.
      if (!request.headers.get('content-type')?.startsWith('application/json')) {
        return refuse(415, 'VALIDATION_ERROR', 'Send { "access_token": "…" } as application/json')
      }
      // An access token is a few hundred bytes: refuse anything large before reading it.
      const text = Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES ? null : await request.text()
      if (text === null || text.length > MAX_BODY_BYTES)
        return refuse(413, 'PAYLOAD_TOO_LARGE', `The body is over ${MAX_BODY_BYTES} bytes`)
      let body: unknown = null
      try {
        body = JSON.parse(text)
      } catch {
        // answered below as a missing access_token
      }
      const token = typeof body === 'object' && body !== null && 'access_token' in body ? body.access_token : undefined
      if (typeof token !== 'string' || token === '') return refuse(400, 'VALIDATION_ERROR', 'access_token is required')

      const config = resolveConfig(options)
      const claims = await verifySessionToken(token, config)
      // Verification is stateless; the server also knows whether the session was signed out since.
      const live = claims ? (await fetchUser(token, config)) !== null : false
      const maxAge = claims ? claims.exp - Math.floor(Date.now() / 1000) : 0
      if (!claims || !live || maxAge <= 0) return refuse(401, 'UNAUTHORIZED', 'The access token is not valid')

      const response = new NextResponse(null, { status: 204, headers: NO_STORE })
      response.cookies.set(SESSION_COOKIE, token, cookieOptions(isHttps(request), maxAge))
      return response
    },
    async DELETE(request) {
      if (!isSameOrigin(request)) return refuse(403, 'FORBIDDEN', 'Cross-site requests are not accepted')
      const response = new NextResponse(null, { status: 204, headers: NO_STORE })
      response.cookies.set(SESSION_COOKIE, '', cookieOptions(isHttps(request), 0))
      return response
    },
  }
}

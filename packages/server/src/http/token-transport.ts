import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { TokenResponse } from '@plinto/contract'
import type { IssuedTokens } from '../domain/sessions/sessions'
import type { PlintoEnv } from '../env'
import type { SessionRecord } from '../store/types'

/** Name of the HttpOnly refresh-token cookie (CONTRACT.md § Refresh tokens). */
export const REFRESH_COOKIE = 'plinto_refresh'

/** True when the client asked for cookie transport (`X-Plinto-Token-Transport: cookie`). */
export function wantsCookieTransport<E extends PlintoEnv>(c: Context<E>): boolean {
  return c.req.header('x-plinto-token-transport')?.trim().toLowerCase() === 'cookie'
}

/** The refresh token from the cookie, if the request carries one. */
export function readRefreshCookie<E extends PlintoEnv>(c: Context<E>): string | undefined {
  return getCookie(c, REFRESH_COOKIE) || undefined
}

/**
 * Shapes a token pair for the response. In cookie transport the refresh token goes into the
 * `HttpOnly; Secure; SameSite=Lax` cookie scoped to `{apiBasePath}/auth` (below the path of `publicUrl`, if
 * any) and is left out of the body, so
 * page scripts never see it. A `remember: false` session gets a browser-session cookie (no Max-Age).
 */
export function deliverTokens<E extends PlintoEnv>(
  c: Context<E>,
  tokens: IssuedTokens,
  session: SessionRecord,
  cookie: boolean,
): TokenResponse {
  if (!cookie) return tokens
  const maxAge = Math.max(0, Math.floor((session.expires_at - c.var.server.clock.now()) / 1000))
  setCookie(c, REFRESH_COOKIE, tokens.refresh_token, {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: cookiePath(c),
    ...(session.remember ? { maxAge } : {}),
  })
  const { refresh_token: _omitted, ...body } = tokens
  return body
}

/** Expires the refresh cookie (sign-out, or a refresh token that can never work again). */
export function clearRefreshCookie<E extends PlintoEnv>(c: Context<E>): void {
  deleteCookie(c, REFRESH_COOKIE, { path: cookiePath(c), secure: true, httpOnly: true, sameSite: 'Lax' })
}

// Under a proxy that mounts the server below a path (`publicUrl` https://example.com/auth), the browser sees
// that prefix in front of the API: the cookie must be scoped to the path it actually requests.
function cookiePath<E extends PlintoEnv>(c: Context<E>): string {
  const { publicUrl, apiBasePath } = c.var.server.config
  const prefix = publicUrl === undefined ? '' : new URL(publicUrl).pathname.replace(/\/+$/, '')
  return `${prefix}${apiBasePath}/auth`
}

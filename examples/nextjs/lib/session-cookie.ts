import 'server-only'

/**
 * The app's own cookie holding a copy of the user's current ACCESS token, so that server components and
 * route handlers know who is asking. Never the refresh token: that one stays with the Plinto client (or in
 * the API's own HttpOnly cookie), so this app's server can never extend a session by itself.
 */
export const SESSION_COOKIE = 'plinto_session'

/**
 * The cookie's attributes: out of reach of scripts (`HttpOnly`), not sent on cross-site sub-requests or
 * form posts (`SameSite=Lax`), over HTTPS only when the app is served over HTTPS, and gone when the token
 * expires (`maxAge`, seconds).
 */
export function sessionCookieOptions(secure: boolean, maxAge: number) {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge } as const
}

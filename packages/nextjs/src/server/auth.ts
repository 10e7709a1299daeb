import type { User } from '@plinto/typescript-sdk'
import { cookies, headers } from 'next/headers'
import { cache } from 'react'
import { authObject, type PlintoAuth } from './auth-object'
import { RETURN_PATH_HEADER, SESSION_COOKIE, resolveConfig } from './config'
import { fetchUser } from './fetch-user'
import { verifySessionToken } from './verify-session'

/**
 * Who is asking, for server components, route handlers and server actions: the access token of the request's
 * `plinto_session` cookie, verified locally (signature against the cached JWKS, issuer, audience, expiry), as
 * `{ userId, sessionId, orgId, orgRole, has(), getToken(), protect() }`. Makes no request to the Plinto server
 * (except the JWKS, once per process); settings come from `PLINTO_API_URL`, `PLINTO_ISSUER`, `PLINTO_AUDIENCE`
 * and `PLINTO_SIGN_IN_URL`.
 *
 * Reading the cookie renders the calling page per request. React's `cache` shares one answer between the
 * components of ONE request; nothing is kept between requests.
 *
 * Verification is stateless: a token stays valid until it expires even if its session was signed out
 * elsewhere. Use {@link currentUser}, which asks the Plinto server, where that matters.
 *
 * @example
 * ```tsx
 * import { auth } from '@plinto/nextjs/server'
 *
 * export default async function AdminPage() {
 *   const { orgId } = (await auth()).protect({ role: 'admin' })
 *   return <h1>Settings of {orgId}</h1>
 * }
 * ```
 */
export const auth: () => Promise<PlintoAuth> = cache(async () => {
  // The cookie first: reading it marks the page as rendered per request, so a build (which prerenders what it
  // can) never gets as far as needing the environment of a server that is not running yet.
  const token = (await cookies()).get(SESSION_COOKIE)?.value ?? null
  const config = resolveConfig()
  const claims = await verifySessionToken(token ?? undefined, config)
  const returnPath = (await headers()).get(RETURN_PATH_HEADER)
  return authObject(token, claims, { signInUrl: config.signInUrl, returnPath })
})

/**
 * The signed-in user of this request, from the Plinto server (`GET /auth/me` with the request's verified
 * token), fetched at most once per request however many components ask; `null` when signed out, or when the
 * session was ended on the server since the token was issued. Throws when the Plinto server cannot be reached
 * (an outage shows the error page; it signs nobody out).
 *
 * @example
 * ```tsx
 * import { currentUser } from '@plinto/nextjs/server'
 *
 * export default async function Greeting() {
 *   const user = await currentUser()
 *   return <p>{user ? `Hello ${user.first_name}` : 'Hello, stranger'}</p>
 * }
 * ```
 */
export const currentUser: () => Promise<User | null> = cache(async () => {
  const token = await (await auth()).getToken()
  return token ? fetchUser(token, resolveConfig()) : null
})

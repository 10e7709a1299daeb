import 'server-only'
import { cookies } from 'next/headers'
import { cache } from 'react'
import { readSession, type PlintoSession } from './read-session'
import { SESSION_COOKIE } from './session-cookie'

/**
 * The signed-in user of the current request, for server components and route handlers: the access token
 * from the `plinto_session` cookie, verified, and the user it belongs to. `null` when signed out, or when
 * the token is invalid, expired or its session has ended.
 *
 * Reading `cookies()` makes the calling page render per request. React's `cache` shares the answer
 * between the components of ONE request only (a layout and a page that both ask); nothing is kept between
 * requests, so no user's data can reach another.
 *
 * @example
 * ```tsx
 * const session = await getCurrentUser()
 * if (!session) redirect('/sign-in?redirect_url=/dashboard')
 * return <p>Signed in as {session.user.email}</p>
 * ```
 */
export const getCurrentUser = cache(async (): Promise<PlintoSession | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value
  return token ? readSession(token) : null
})

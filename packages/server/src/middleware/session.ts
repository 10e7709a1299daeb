import type { MiddlewareHandler } from 'hono'
import { authenticate } from '../domain/sessions/sessions'
import type { SignedInEnv } from '../env'

/**
 * Lets only signed-in callers through: checks the `Authorization: Bearer` access token and its session
 * (401 `UNAUTHORIZED`, `TOKEN_EXPIRED` or `SESSION_REVOKED` otherwise), then sets `c.var.user` and
 * `c.var.session` for the route.
 */
export function requireSession(): MiddlewareHandler<SignedInEnv> {
  return async (c, next) => {
    const { user, session } = await authenticate(c.var.server, c.req.header('authorization'))
    c.set('user', user)
    c.set('session', session)
    await next()
  }
}

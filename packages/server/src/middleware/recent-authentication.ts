import type { Context, MiddlewareHandler } from 'hono'
import { requireRecentAuthenticationOf } from '../domain/sessions/reauthentication'
import type { SignedInEnv } from '../env'

/**
 * Marks a route as a sensitive operation (docs/contract.md § Re-authentication): it runs only if the session signed
 * in or re-authenticated (`POST /auth/reauthenticate`) within `reauthenticationMaxAgeSeconds` (10 minutes by
 * default), else 403 `REAUTH_REQUIRED` whose body's `methods` names the ways this account can re-authenticate.
 * Declare it after `requireSession()` and before the body is read, one line per route; `unless` exempts requests
 * that are not sensitive after all (ending one's own current session is signing out, always allowed).
 *
 * @example
 * ```ts
 * passkeys.delete('/:id', requireSession(), requireRecentAuthentication(), async (c) => …)
 * sessions.delete('/:id', requireSession(),
 *   requireRecentAuthentication({ unless: (c) => c.req.param('id') === c.var.session.id }), …)
 * ```
 */
export function requireRecentAuthentication(
  options: { unless?: (c: Context<SignedInEnv>) => boolean } = {},
): MiddlewareHandler<SignedInEnv> {
  return async (c, next) => {
    const { user, session } = c.var
    // Declared without requireSession() in front: a wiring mistake, refused rather than let through.
    if (!user || !session) throw new Error('requireRecentAuthentication() needs requireSession() before it')
    if (!options.unless?.(c)) await requireRecentAuthenticationOf(c.var.server, user, session)
    await next()
  }
}

import { Hono } from 'hono'
import type { RevokeAllSessionsResponse } from '@plinto/contract'
import { listActiveSessions, revokeOwnSession } from '../domain/sessions/own-sessions'
import { toWireSession } from '../domain/sessions/session-wire'
import { endSessionsOfUser } from '../domain/sessions/sessions'
import type { PlintoEnv } from '../env'
import { requireRecentAuthentication } from '../middleware/recent-authentication'
import { requireSession } from '../middleware/session'

/**
 * The `/sessions` routes of CONTRACT.md § Sessions: the signed-in user's own sessions only.
 */
export function sessionRoutes(): Hono<PlintoEnv> {
  const sessions = new Hono<PlintoEnv>()

  sessions.get('/', requireSession(), async (c) => {
    return c.json(await listActiveSessions(c.var.server, c.var.user, c.var.session), 200)
  })

  sessions.get('/current', requireSession(), (c) => c.json(toWireSession(c.var.session, c.var.session.id), 200))

  // Registered before `/:id` would shadow it for DELETE only; POST never matches `/:id` anyway.
  sessions.post('/revoke-all', requireSession(), requireRecentAuthentication(), async (c) => {
    const { server, user, session } = c.var
    const body: RevokeAllSessionsResponse = {
      revoked_count: await endSessionsOfUser(server, user.id, 'revoked_by_user', session.id),
    }
    return c.json(body, 200)
  })

  // Ending another session is sensitive (a stolen token must not shut its owner out); ending this one is signing out.
  sessions.delete(
    '/:id',
    requireSession(),
    requireRecentAuthentication({ unless: (c) => c.req.param('id') === c.var.session.id }),
    async (c) => {
      await revokeOwnSession(c.var.server, c.var.user, c.req.param('id'))
      return c.body(null, 204)
    },
  )

  return sessions
}

import { Hono } from 'hono'
import type { RevokeAllSessionsResponse, SessionListResponse } from '@plinto/typescript-sdk/schemas'
import { isActiveSession, toWireSession } from '../domain/sessions/session-wire'
import { authenticate, endSession, endSessionsOfUser } from '../domain/sessions/sessions'
import { errors } from '../errors'
import type { PlintoEnv } from '../env'

/**
 * The `/sessions` routes of CONTRACT.md § Sessions: the signed-in user's own sessions only.
 */
export function sessionRoutes(): Hono<PlintoEnv> {
  const sessions = new Hono<PlintoEnv>()

  sessions.get('/', async (c) => {
    const context = c.get('context')
    const { user, session: current } = await authenticate(context, c.req.header('authorization'))
    const now = context.clock.now()
    const active = (await context.store.sessions.listByUser(user.id))
      .filter((s) => isActiveSession(s, now))
      .sort((a, b) => b.last_active_at - a.last_active_at || b.created_at - a.created_at)
    const body: SessionListResponse = { sessions: active.map((s) => toWireSession(s, current.id)), total: active.length }
    return c.json(body, 200)
  })

  sessions.get('/current', async (c) => {
    const { session } = await authenticate(c.get('context'), c.req.header('authorization'))
    return c.json(toWireSession(session, session.id), 200)
  })

  // Registered before `/:id` would shadow it for DELETE only; POST never matches `/:id` anyway.
  sessions.post('/revoke-all', async (c) => {
    const context = c.get('context')
    const { user, session } = await authenticate(context, c.req.header('authorization'))
    const body: RevokeAllSessionsResponse = { revoked_count: await endSessionsOfUser(context, user.id, 'revoked_by_user', session.id) }
    return c.json(body, 200)
  })

  sessions.delete('/:id', async (c) => {
    const context = c.get('context')
    const { user } = await authenticate(context, c.req.header('authorization'))
    const target = await context.store.sessions.get(c.req.param('id'))
    // Someone else's session, or one that has already ended, is "not found" for this user.
    if (!target || target.user_id !== user.id || !isActiveSession(target, context.clock.now())) {
      throw errors.notFound('Session not found')
    }
    await endSession(context, target, 'revoked_by_user')
    return c.body(null, 204)
  })

  return sessions
}

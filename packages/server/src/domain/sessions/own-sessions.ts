import type { SessionListResponse } from '@plinto/contract'
import type { ServerContext } from '../../server-context'
import { errors } from '../../errors'
import type { SessionRecord, UserRecord } from '../../store/types'
import { isActiveSession, toWireSession } from './session-wire'
import { endSession } from './sessions'

/** The user's active sessions, most recently used first; `current` is marked as the caller's. */
export async function listActiveSessions(
  context: ServerContext,
  user: UserRecord,
  current: SessionRecord,
): Promise<SessionListResponse> {
  const now = context.clock.now()
  const active = (await context.store.sessions.listByUser(user.id))
    .filter((s) => isActiveSession(s, now))
    .sort((a, b) => b.last_active_at - a.last_active_at || b.created_at - a.created_at)
  return { sessions: active.map((s) => toWireSession(s, current.id)), total: active.length }
}

/** Ends one of the user's own active sessions; someone else's, or one already ended, is 404. */
export async function revokeOwnSession(context: ServerContext, user: UserRecord, sessionId: string): Promise<void> {
  const target = await context.store.sessions.get(sessionId)
  if (!target || target.user_id !== user.id || !isActiveSession(target, context.clock.now())) {
    throw errors.notFound('Session not found')
  }
  await endSession(context, target, 'revoked_by_user')
}

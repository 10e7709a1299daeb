import type { ModuleContext } from '../module-context'
import {
  RevokeAllSessionsResponseSchema,
  SessionListResponseSchema,
  SessionSchema,
  type RevokeAllSessionsResponse,
  type Session,
  type SessionListResponse,
} from '@plinto/contract/sessions'
import { caller, path } from './shared'

/**
 * `plinto.sessions`: the signed-in user's sessions (devices) — list them, and end them remotely.
 *
 * @example
 * ```ts
 * const { sessions } = await plinto.sessions.listSessions()
 * for (const s of sessions) if (!s.is_current) await plinto.sessions.revokeSession(s.id)
 * ```
 */
export interface SessionsModule {
  /**
   * The user's active sessions, most recently active first (`GET /sessions`).
   * @example
   * ```ts
   * const { sessions, total } = await plinto.sessions.listSessions()
   * sessions.map((s) => `${s.device.name}${s.is_current ? ' (this device)' : ''}`)
   * ```
   */
  listSessions(): Promise<SessionListResponse>
  /**
   * The session this client is signed in with (`GET /sessions/current`).
   * @example `const { device, expires_at } = await plinto.sessions.getCurrentSession()`
   */
  getCurrentSession(): Promise<Session>
  /**
   * Ends one session (`DELETE /sessions/{id}`). Ending this client's own session signs it out here
   * too: `signedOut` with reason `'user'` (the user asked for it, as with `auth.signOut()`).
   * @example `await plinto.sessions.revokeSession('sess_123')`
   */
  revokeSession(id: string): Promise<void>
  /**
   * Ends every session except this one (`POST /sessions/revoke-all`); this client stays signed in.
   * @example `const { revoked_count } = await plinto.sessions.revokeAllSessions()`
   */
  revokeAllSessions(): Promise<RevokeAllSessionsResponse>
}

/**
 * Creates the sessions module over the client's context (loaded lazily, see ./management.lazy).
 */
export function createSessionsModule(context: ModuleContext): SessionsModule {
  const call = caller(context)
  const { session } = context
  return {
    listSessions: () => call('GET', 'sessions', SessionListResponseSchema),
    getCurrentSession: () => call('GET', 'sessions/current', SessionSchema),
    async revokeSession(id) {
      await call('DELETE', path`sessions/${id}`, null)
      // The access token's `sid` claim names this client's session.
      if (session.sessionId() === id) session.end('user')
    },
    revokeAllSessions: () => call('POST', 'sessions/revoke-all', RevokeAllSessionsResponseSchema),
  }
}

import { useMemo } from 'react'
import type { RevokeAllSessionsResponse, Session } from '@plinto/typescript-sdk'
import { queryCacheFor } from './query-cache'
import { useAccountKeys } from './use-account-keys'
import { useQuery, type QueryResult } from './use-query'
import { useRequiredClient } from './use-required-client'

/**
 * What {@link useSessions} returns.
 *
 * @example
 * ```tsx
 * const { data: sessions, revoke, revokeAllOthers }: UseSessionsResult = useSessions()
 * ```
 */
export interface UseSessionsResult extends QueryResult<Session[]> {
  /**
   * Ends one session; the list is fetched again before the promise resolves. Ending the current session
   * signs this client out.
   */
  revoke: (id: string) => Promise<void>
  /** Ends every session except this one; resolves with how many ended, once the list is fresh. */
  revokeAllOthers: () => Promise<RevokeAllSessionsResponse>
}

/**
 * The signed-in user's active sessions (devices), most recently active first, with actions to end them.
 * Loaded once per client and shared by every component that uses it; `undefined` data when signed out.
 *
 * @example
 * ```tsx
 * function Devices() {
 *   const { data: sessions, isLoading, error, revoke } = useSessions()
 *   if (isLoading) return <Spinner />
 *   if (error) return <p>Could not load your devices.</p>
 *   return (
 *     <ul>
 *       {sessions?.map((s) => (
 *         <li key={s.id}>
 *           {s.device.name} {s.is_current ? '(this device)' : <button onClick={() => revoke(s.id)}>Sign out</button>}
 *         </li>
 *       ))}
 *     </ul>
 *   )
 * }
 * ```
 */
export function useSessions(): UseSessionsResult {
  const client = useRequiredClient('useSessions')
  const { userId } = useAccountKeys('useSessions')
  const query = useQuery(
    'useSessions',
    userId && `sessions:${userId}`,
    async () => (await client.sessions.listSessions()).sessions,
  )
  const actions = useMemo(() => {
    const cache = queryCacheFor(client)
    return {
      async revoke(id: string) {
        await client.sessions.revokeSession(id)
        await cache.invalidate('sessions:')
      },
      async revokeAllOthers() {
        const result = await client.sessions.revokeAllSessions()
        await cache.invalidate('sessions:')
        return result
      },
    }
  }, [client])
  return useMemo(() => ({ ...query, ...actions }), [query, actions])
}

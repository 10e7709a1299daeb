import type { ContractOperation } from './types'

/**
 * The `/sessions` endpoints (CONTRACT.md § Sessions).
 *
 * @example
 * ```ts
 * import { sessionOperations } from '@plinto/contract/openapi'
 * sessionOperations.find((op) => op.operationId === 'revokeSession')?.path // '/sessions/{id}'
 * ```
 */
export const sessionOperations: ContractOperation[] = [
  {
    operationId: 'listSessions',
    method: 'get',
    path: '/sessions',
    mount: 'api',
    tag: 'Sessions',
    summary: "The user's active sessions, most recently active first",
    auth: 'bearer',
    responses: { 200: { description: 'Active sessions', schema: 'SessionListResponse' } },
    errors: [],
  },
  {
    operationId: 'getCurrentSession',
    method: 'get',
    path: '/sessions/current',
    mount: 'api',
    tag: 'Sessions',
    summary: 'The session of the access token',
    auth: 'bearer',
    responses: { 200: { description: 'The current session', schema: 'Session' } },
    errors: [],
  },
  {
    operationId: 'revokeSession',
    method: 'delete',
    path: '/sessions/{id}',
    mount: 'api',
    tag: 'Sessions',
    summary: 'End one session',
    description: "Another user's session, an unknown one or one already ended is 404.",
    auth: 'bearer',
    responses: { 204: { description: 'Ended' } },
    errors: [403, 404, 422],
  },
  {
    operationId: 'revokeAllSessions',
    method: 'post',
    path: '/sessions/revoke-all',
    mount: 'api',
    tag: 'Sessions',
    summary: 'End every other active session',
    auth: 'bearer',
    responses: { 200: { description: 'How many sessions were ended', schema: 'RevokeAllSessionsResponse' } },
    errors: [403],
  },
]

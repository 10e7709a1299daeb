import type { ContractOperation } from './types'

/**
 * The `/users` endpoints (CONTRACT.md § Users).
 *
 * @example
 * ```ts
 * import { userOperations } from '@plinto/contract/openapi'
 * userOperations.map((op) => op.operationId) // ['updateCurrentUser', 'deleteCurrentUser']
 * ```
 */
export const userOperations: ContractOperation[] = [
  {
    operationId: 'updateCurrentUser',
    method: 'patch',
    path: '/users/me',
    mount: 'api',
    tag: 'Users',
    summary: "Change the signed-in user's profile",
    description: 'Omitted fields stay; `null` (or an empty string) clears one. A taken username is 422 on `username`.',
    auth: 'bearer',
    body: { schema: 'UpdateUserRequest' },
    responses: { 200: { description: 'The updated user', schema: 'User' } },
    errors: [],
  },
  {
    operationId: 'deleteCurrentUser',
    method: 'delete',
    path: '/users/me',
    mount: 'api',
    tag: 'Users',
    summary: 'Delete the account and everything of it',
    description: 'The password confirms (accounts without one send `{}`); a wrong one is 401 `INVALID_CREDENTIALS`.',
    auth: 'bearer',
    body: { schema: 'DeleteUserRequest', required: false },
    responses: { 204: { description: 'Deleted' } },
    errors: [403],
  },
]

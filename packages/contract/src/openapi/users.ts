import type { ContractOperation } from './types'

/**
 * The `/users` endpoints (CONTRACT.md § Users).
 *
 * @example
 * ```ts
 * import { userOperations } from '@plinto/contract/openapi'
 * userOperations.map((op) => op.operationId) // ['updateCurrentUser', 'deleteCurrentUser', 'listIdentities', …]
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
  {
    operationId: 'listIdentities',
    method: 'get',
    path: '/users/me/identities',
    mount: 'api',
    tag: 'Users',
    summary: "The signed-in user's sign-in methods: password, linked provider identities, passkeys",
    auth: 'bearer',
    responses: { 200: { description: 'The sign-in methods', schema: 'SignInMethods' } },
    errors: [],
  },
  {
    operationId: 'unlinkIdentity',
    method: 'delete',
    path: '/users/me/identities/{id}',
    mount: 'api',
    tag: 'Users',
    summary: 'Unlink a provider identity from the account',
    description:
      'Refused with 409 `LAST_SIGN_IN_METHOD` when it is the only way left to sign in (no password, no other identity, no passkey); an identity of someone else is 404.',
    auth: 'bearer',
    responses: { 200: { description: 'The sign-in methods left', schema: 'SignInMethods' } },
    errors: [404, 409],
  },
]

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
      'A sensitive operation: 403 `REAUTH_REQUIRED` unless the session proved who it is recently. Refused with 409 `LAST_SIGN_IN_METHOD` when it is the only way left to sign in (no password, no other identity, no passkey); an identity of someone else is 404.',
    auth: 'bearer',
    responses: { 200: { description: 'The sign-in methods left', schema: 'SignInMethods' } },
    errors: [403, 404, 409],
  },
  {
    operationId: 'setPhoneNumber',
    method: 'post',
    path: '/users/me/phone',
    mount: 'api',
    tag: 'Users',
    summary: "Set the account's phone number and text it a verification code",
    description:
      'A different number replaces the current one un-verified (`user.updated`); the same number again sends a new code (the earlier one stops working). The code has 6 digits, lives 10 minutes and takes 5 attempts. Sends are limited per account (one per 30 s, 5 per hour) and per number (5 per hour): 429 `RATE_LIMITED` with `retry_after`. The number that is already verified is 422 on `phone_number`.',
    auth: 'bearer',
    body: { schema: 'SetPhoneNumberRequest' },
    responses: { 202: { description: 'Code sent', schema: 'PhoneVerificationStarted' } },
    errors: [429],
  },
  {
    operationId: 'verifyPhoneNumber',
    method: 'post',
    path: '/users/me/phone/verify',
    mount: 'api',
    tag: 'Users',
    summary: 'Confirm the phone number with the texted code',
    description:
      'Single-use. A wrong code is 400 `INVALID_PHONE_CODE`; an expired one (or none pending) 400 `PHONE_CODE_EXPIRED`; after 5 wrong codes 400 `PHONE_CODE_ATTEMPTS_EXCEEDED` (request a new code). A code texted to a number the account no longer has verifies nothing (`PHONE_CODE_EXPIRED`).',
    auth: 'bearer',
    body: { schema: 'VerifyPhoneRequest' },
    responses: { 200: { description: 'The user, `phone_verified: true`', schema: 'User' } },
    errors: [],
  },
  {
    operationId: 'removePhoneNumber',
    method: 'delete',
    path: '/users/me/phone',
    mount: 'api',
    tag: 'Users',
    summary: "Remove the account's phone number",
    description:
      'Clears `phone_number` and `phone_verified` and drops a pending code (`user.updated`). The SMS second factor keeps its own number.',
    auth: 'bearer',
    responses: { 200: { description: 'The user without a phone number', schema: 'User' } },
    errors: [],
  },
]

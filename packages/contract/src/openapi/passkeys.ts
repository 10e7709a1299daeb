import type { ContractOperation } from './types'

type PasskeyOperation = Omit<ContractOperation, 'mount' | 'tag'>

const passkey = (operation: PasskeyOperation): ContractOperation => ({ mount: 'api', tag: 'Passkeys', ...operation })

/**
 * The `/passkeys` endpoints (CONTRACT.md § Passkeys): WebAuthn in the JSON shapes of @simplewebauthn.
 * A refused ceremony is 400 `PASSKEY_VERIFICATION_FAILED`.
 *
 * @example
 * ```ts
 * import { passkeyOperations } from '@plinto/contract/openapi'
 * passkeyOperations.length // 7
 * ```
 */
export const passkeyOperations: ContractOperation[] = [
  passkey({
    operationId: 'passkeyRegistrationOptions',
    method: 'post',
    path: '/passkeys/register/options',
    summary: 'Options for `navigator.credentials.create()`',
    auth: 'bearer',
    responses: { 200: { description: 'PublicKeyCredentialCreationOptionsJSON', schema: 'PasskeyCreationOptions' } },
    errors: [],
  }),
  passkey({
    operationId: 'verifyPasskeyRegistration',
    method: 'post',
    path: '/passkeys/register/verify',
    summary: 'Register the new credential',
    auth: 'bearer',
    body: { schema: 'PasskeyRegisterVerifyRequest' },
    responses: { 200: { description: 'The new passkey', schema: 'Passkey' } },
    errors: [],
  }),
  passkey({
    operationId: 'passkeyAuthenticationOptions',
    method: 'post',
    path: '/passkeys/authenticate/options',
    summary: 'Options for `navigator.credentials.get()`',
    body: { schema: 'PasskeyAuthenticateOptionsRequest', required: false },
    responses: { 200: { description: 'PublicKeyCredentialRequestOptionsJSON', schema: 'PasskeyRequestOptions' } },
    errors: [],
  }),
  passkey({
    operationId: 'verifyPasskeyAuthentication',
    method: 'post',
    path: '/passkeys/authenticate/verify',
    summary: 'Sign in with a passkey',
    tokenTransport: true,
    body: { schema: 'PasskeyAuthenticateVerifyRequest' },
    responses: { 200: { description: 'Signed in', schema: 'AuthResponse', setsRefreshCookie: true, noStore: true } },
    errors: [],
  }),
  passkey({
    operationId: 'listPasskeys',
    method: 'get',
    path: '/passkeys',
    summary: "The user's passkeys",
    auth: 'bearer',
    responses: { 200: { description: 'Passkeys', schema: 'PasskeyListResponse' } },
    errors: [],
  }),
  passkey({
    operationId: 'renamePasskey',
    method: 'patch',
    path: '/passkeys/{id}',
    summary: 'Rename a passkey',
    auth: 'bearer',
    body: { schema: 'UpdatePasskeyRequest' },
    responses: { 200: { description: 'The passkey', schema: 'Passkey' } },
    errors: [404],
  }),
  passkey({
    operationId: 'deletePasskey',
    method: 'delete',
    path: '/passkeys/{id}',
    summary: 'Delete a passkey',
    description:
      'A sensitive operation: 403 `REAUTH_REQUIRED` unless the session proved who it is recently. Refused with 409 `LAST_SIGN_IN_METHOD` when it is the only way left to sign in (no password, no other passkey, no linked identity).',
    auth: 'bearer',
    responses: { 204: { description: 'Deleted' } },
    errors: [403, 404, 409, 422],
  }),
]

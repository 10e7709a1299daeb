import type { ModuleContext } from '../module-context'
import type { AuthResponse } from '@plinto/contract'
import {
  PasskeyListResponseSchema,
  PasskeySchema,
  type Passkey,
  type PasskeyListResponse,
} from '@plinto/contract/passkeys'
import { caller, path } from './shared'

/**
 * What `registerPasskey` takes; every field optional.
 *
 * @example
 * ```ts
 * const request: PasskeyRegisterRequest = { name: 'MacBook Touch ID' }
 * ```
 */
export interface PasskeyRegisterRequest {
  /** A label for the passkey list; the server's default is `Passkey`. */
  name?: string
}

/**
 * What `authenticatePasskey` takes; every field optional.
 *
 * @example
 * ```ts
 * const request: PasskeyAuthRequest = { email: 'ada@example.com' }
 * ```
 */
export interface PasskeyAuthRequest {
  /** Offer only this account's passkeys. Omit it for the discoverable flow (any passkey of the site). */
  email?: string
}

/**
 * `plinto.passkeys`: WebAuthn passkeys — register one for the signed-in user, sign in with one, list,
 * rename and delete them. The WebAuthn code (@simplewebauthn/browser) is loaded on the first register or
 * sign-in, not with the SDK. Without WebAuthn (Node, old browsers, insecure pages) those two throw
 * `PASSKEY_NOT_SUPPORTED`; a dismissed prompt throws `PASSKEY_CANCELLED`; a refusal by the server
 * (or the authenticator) `PASSKEY_VERIFICATION_FAILED`.
 *
 * @example
 * ```ts
 * await plinto.passkeys.registerPasskey({ name: 'MacBook' })
 * await plinto.auth.signOut()
 * const { user } = await plinto.passkeys.authenticatePasskey()
 * ```
 */
export interface PasskeysModule {
  /**
   * Registers a passkey for the signed-in user: options → the browser's passkey prompt → verify.
   * Same as `auth.registerPasskey`.
   * @example `const passkey = await plinto.passkeys.registerPasskey({ name: 'MacBook' })`
   */
  registerPasskey(request?: PasskeyRegisterRequest): Promise<Passkey>
  /**
   * Signs in with a passkey: options → the browser's passkey prompt → verify → signed in (no MFA step:
   * a passkey verifies the user itself). Same as `auth.authenticatePasskey`.
   * @example `const { user } = await plinto.passkeys.authenticatePasskey({ email: 'ada@example.com' })`
   */
  authenticatePasskey(request?: PasskeyAuthRequest): Promise<AuthResponse>
  /**
   * The signed-in user's passkeys, oldest first.
   * @example `const { passkeys } = await plinto.passkeys.listPasskeys()`
   */
  listPasskeys(): Promise<PasskeyListResponse>
  /**
   * Renames a passkey.
   * @example `await plinto.passkeys.renamePasskey(passkey.id, 'Work laptop')`
   */
  renamePasskey(id: string, name: string): Promise<Passkey>
  /**
   * Deletes a passkey; it can no longer sign in.
   * @example `await plinto.passkeys.deletePasskey(passkey.id)`
   */
  deletePasskey(id: string): Promise<void>
}

/** Register and sign in: in the main chunk (./account-modules); they load the WebAuthn ceremonies themselves. */
export type PasskeyCeremonies = Pick<PasskeysModule, 'registerPasskey' | 'authenticatePasskey'>
/** List, rename, delete: they load with the `management` chunk. */
export type PasskeysCalls = Omit<PasskeysModule, keyof PasskeyCeremonies>

/**
 * Creates the passkey-management calls over the client's context (loaded lazily, see ./management.lazy).
 */
export function createPasskeysModule(context: ModuleContext): PasskeysCalls {
  const call = caller(context)
  return {
    listPasskeys: () => call('GET', 'passkeys', PasskeyListResponseSchema),
    renamePasskey: (id, name) => call('PATCH', path`passkeys/${id}`, PasskeySchema, { name }),
    deletePasskey: (id) => call('DELETE', path`passkeys/${id}`, null),
  }
}

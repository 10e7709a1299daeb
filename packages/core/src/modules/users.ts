import type { ModuleContext } from '../module-context'
import type { UpdateUserRequest } from '@plinto/contract'
import { UserSchema, type User } from '@plinto/contract/user'
import { SignInMethodsSchema, type SignInMethods } from '@plinto/contract/oauth'
import { caller, path } from './shared'

/**
 * `plinto.users`: the signed-in user's own account — profile changes, deletion and connected accounts.
 *
 * @example
 * ```ts
 * await plinto.users.updateProfile({ first_name: 'Ada', last_name: 'Lovelace' })
 * ```
 */
export interface UsersModule {
  /**
   * Changes profile fields (`PATCH /users/me`); omitted fields stay, `null` clears one. The snapshot's
   * user is updated and `userUpdated` fires.
   * @example `const user = await plinto.users.updateProfile({ profile_image_url: 'https://example.com/ada.png' })`
   */
  updateProfile(patch: UpdateUserRequest): Promise<User>
  /**
   * Deletes the account and everything of it (`DELETE /users/me`), then signs out here (`signedOut`,
   * reason `'user'`). Accounts with a password must give it; password-less accounts (magic link, OAuth)
   * omit it and need a session started in the last 10 minutes (`REAUTH_REQUIRED` otherwise).
   * @example `await plinto.users.deleteAccount('correct horse battery staple')`
   */
  deleteAccount(password?: string): Promise<void>
  /**
   * The account's sign-in methods (`GET /users/me/identities`): whether it has a password, its linked provider
   * identities (provider, email, name) and how many passkeys it has. Link another provider with
   * `auth.linkOAuthProvider`.
   * @example `const { identities, password, passkeys } = await plinto.users.listIdentities()`
   */
  listIdentities(): Promise<SignInMethods>
  /**
   * Unlinks a provider identity (`DELETE /users/me/identities/{id}`) and resolves with the methods left. Never
   * the last way to sign in: with no password, no passkey and no other identity it is `LAST_SIGN_IN_METHOD`
   * (409) and nothing changes. Someone else's or an unknown id is `NOT_FOUND`.
   * @example `const { identities } = await plinto.users.unlinkIdentity('idn_…')`
   */
  unlinkIdentity(identityId: string): Promise<SignInMethods>
}

/**
 * Creates the users module over the client's context (loaded lazily, see ./management.lazy).
 */
export function createUsersModule(context: ModuleContext): UsersModule {
  const call = caller(context)
  const { session } = context
  return {
    async updateProfile(patch) {
      const user = await call('PATCH', 'users/me', UserSchema, patch)
      session.setUser(user)
      return user
    },
    async deleteAccount(password) {
      await call('DELETE', 'users/me', null, password === undefined ? {} : { password })
      session.end('user')
    },
    listIdentities: () => call('GET', 'users/me/identities', SignInMethodsSchema),
    unlinkIdentity: (identityId) => call('DELETE', path`users/me/identities/${identityId}`, SignInMethodsSchema),
  }
}

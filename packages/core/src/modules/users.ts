import type { ModuleContext } from '../module-context'
import type { UpdateUserRequest } from '@plinto/contract'
import { UserSchema, type User } from '@plinto/contract/user'
import { caller } from './shared'

/**
 * `plinto.users`: the signed-in user's own account — profile changes and deletion.
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
  }
}

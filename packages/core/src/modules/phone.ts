import type { ModuleContext } from '../module-context'
import { PhoneVerificationStartedSchema, type PhoneVerificationStarted } from '@plinto/contract/users'
import { UserSchema, type User } from '@plinto/contract/user'
import { caller } from './shared'

/**
 * The phone-number calls of `plinto.auth` (the account's phone as a verified attribute; SMS as a second factor is
 * `plinto.mfa`). They load with the `management` chunk on first use. Each one updates the snapshot's user
 * (`userUpdated` fires).
 *
 * @example
 * ```ts
 * await plinto.auth.startPhoneVerification('+14155550123')
 * const user = await plinto.auth.verifyPhone('123456') // user.phone_verified === true
 * ```
 */
export interface PhoneVerificationCalls {
  /**
   * Sets the account's phone number (E.164: `+` and digits, e.g. `+14155550123`) and texts it a 6-digit code
   * (`POST /users/me/phone`), valid `expires_in`
   * seconds (10 minutes). A different number replaces the current one un-verified; the same number again
   * resends (allowed after `resend_in` seconds, else `RATE_LIMITED` with `retryAfter`). The number already
   * verified is `VALIDATION_ERROR` on `phone_number`.
   * @example `const { resend_in } = await plinto.auth.startPhoneVerification('+14155550123')`
   */
  startPhoneVerification(phoneNumber: string): Promise<PhoneVerificationStarted>
  /**
   * Confirms the 6-digit code texted by the last `startPhoneVerification` (`POST /users/me/phone/verify`):
   * resolves with the user, `phone_verified: true`.
   * Throws `INVALID_PHONE_CODE` (wrong), `PHONE_CODE_EXPIRED` (expired, used, or replaced by a newer code) or
   * `PHONE_CODE_ATTEMPTS_EXCEEDED` (5 wrong codes: request a new one).
   * @example `const user = await plinto.auth.verifyPhone('123456')`
   */
  verifyPhone(code: string): Promise<User>
  /**
   * Removes the account's phone number and any pending code (`DELETE /users/me/phone`). The SMS second factor,
   * if any, keeps its own number.
   * @example `await plinto.auth.removePhoneNumber()`
   */
  removePhoneNumber(): Promise<User>
}

/**
 * Creates the phone-number calls over the client's context (loaded lazily, see ./management.lazy).
 */
export function createPhoneModule(context: ModuleContext): PhoneVerificationCalls {
  const call = caller(context)
  const { session } = context
  return {
    async startPhoneVerification(phoneNumber) {
      const started = await call('POST', 'users/me/phone', PhoneVerificationStartedSchema, {
        phone_number: phoneNumber,
      })
      session.setUser(started.user)
      return started
    },
    async verifyPhone(code) {
      const user = await call('POST', 'users/me/phone/verify', UserSchema, { code })
      session.setUser(user)
      return user
    },
    async removePhoneNumber() {
      const user = await call('DELETE', 'users/me/phone', UserSchema)
      session.setUser(user)
      return user
    },
  }
}

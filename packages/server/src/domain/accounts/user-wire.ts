import type { User } from '@plinto/contract'
import { toIso } from '../../clock'
import type { UserRecord } from '../../store/types'

/**
 * A stored user as the API shows it (CONTRACT.md § Shapes `User`): no hashes, ISO timestamps.
 *
 * @example
 * ```ts
 * return c.json(toWireUser(user))
 * ```
 */
export function toWireUser(user: UserRecord): User {
  return {
    id: user.id,
    email: user.email,
    email_verified: user.email_verified,
    username: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    profile_image_url: user.profile_image_url,
    mfa_enabled: user.mfa_enabled,
    phone_number: user.phone_number,
    phone_verified: user.phone_verified,
    created_at: toIso(user.created_at),
    updated_at: toIso(user.updated_at),
    last_sign_in_at: user.last_sign_in_at === null ? null : toIso(user.last_sign_in_at),
  }
}

/** The lookup form of an email: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** The lookup form of a username: trimmed and lower-cased. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase()
}

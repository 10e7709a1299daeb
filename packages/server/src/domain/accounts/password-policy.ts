import { ApiError } from '../../errors'
import { COMMON_PASSWORDS } from './common-passwords'

/** Length bounds of CONTRACT.md § Auth (NIST SP 800-63B: length, no composition rules). */
export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 128

/**
 * Applies the password policy; throws 400 `WEAK_PASSWORD` with a field error when it fails. Length is
 * counted in Unicode code points, so "pässwörd" is 8 long. Too short and too long are WEAK_PASSWORD too
 * (not VALIDATION_ERROR), so a client has one code to render as "choose another password".
 */
export function assertPasswordAcceptable(password: string, field: string, context: { email?: string } = {}): void {
  const length = [...password].length
  let message: string | undefined
  if (length < PASSWORD_MIN_LENGTH) message = `Password must be at least ${PASSWORD_MIN_LENGTH} characters`
  else if (length > PASSWORD_MAX_LENGTH) message = `Password must be at most ${PASSWORD_MAX_LENGTH} characters`
  else if (COMMON_PASSWORDS.has(password.toLowerCase())) message = 'This password is too common; choose another'
  else if (context.email && password.toLowerCase() === context.email.toLowerCase())
    message = 'Password must not be your email address'
  if (message) throw new ApiError(400, 'WEAK_PASSWORD', message, { errors: [{ field, message }] })
}

import type { PlintoLocalization } from '../localization/localization'

/** The server's password policy (CONTRACT.md): length only, counted in code points, no composition rules. */
export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 128

// Deliberately loose: the server decides; this only catches typos before a round trip.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function checkEmail(value: string, t: PlintoLocalization): string | undefined {
  if (!value.trim()) return t.validation.emailRequired
  if (!EMAIL_SHAPE.test(value.trim())) return t.validation.emailInvalid
  return undefined
}

export function checkNewPassword(value: string, t: PlintoLocalization): string | undefined {
  const length = [...value].length
  if (length === 0) return t.validation.passwordRequired
  if (length < PASSWORD_MIN_LENGTH) return t.validation.passwordTooShort(PASSWORD_MIN_LENGTH)
  if (length > PASSWORD_MAX_LENGTH) return t.validation.passwordTooLong(PASSWORD_MAX_LENGTH)
  return undefined
}

/** Drops the fields without an error; an empty result means the form may be sent. */
export function collectErrors<F extends string>(checks: Record<F, string | undefined>): Partial<Record<F, string>> {
  return Object.fromEntries(Object.entries(checks).filter(([, message]) => message !== undefined)) as Partial<
    Record<F, string>
  >
}

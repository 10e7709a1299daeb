import { isPlintoError } from '@plinto/typescript-sdk'
import type { PlintoLocalization } from '../localization/localization'

/** A failure as a form shows it: messages next to the fields they concern and/or one at the top. */
export interface FormErrors<F extends string = string> {
  form?: string
  fields: Partial<Record<F, string>>
}

/**
 * Turns what an action threw into localized text. `fieldNames` maps the server's wire field names to the
 * form's own (e.g. `{ new_password: 'password' }`); errors about fields the form does not show go to the
 * top, so nothing the server said is lost.
 */
export function describeError<F extends string>(
  error: unknown,
  t: PlintoLocalization,
  fieldNames: Partial<Record<string, F>>,
): FormErrors<F> {
  if (!isPlintoError(error)) return { form: t.errors.generic, fields: {} }
  const at = (wireField: string | undefined, message: string): FormErrors<F> => {
    const field = wireField === undefined ? undefined : fieldNames[wireField]
    return field ? { fields: { [field]: message } as Partial<Record<F, string>> } : { form: message, fields: {} }
  }
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return { form: t.errors.invalidCredentials, fields: {} }
    case 'RATE_LIMITED':
      return { form: t.errors.rateLimited(error.retryAfter), fields: {} }
    case 'WEAK_PASSWORD':
      return at(error.fields[0]?.field ?? 'password', t.errors.weakPassword)
    case 'EMAIL_TAKEN':
      return at('email', t.errors.emailTaken)
    case 'INVALID_MFA_CODE':
      return at('code', t.errors.invalidMfaCode)
    case 'INVALID_EMAIL_CODE':
      return at('code', t.errors.invalidEmailCode)
    case 'EMAIL_CODE_EXPIRED':
      return { form: t.errors.emailCodeExpired, fields: {} }
    case 'EMAIL_CODE_ATTEMPTS_EXCEEDED':
      return { form: t.errors.emailCodeAttemptsExceeded, fields: {} }
    case 'EMAIL_CODES_DISABLED':
      return { form: t.errors.emailCodesDisabled, fields: {} }
    case 'VALIDATION_ERROR': {
      const result: FormErrors<F> = { fields: {} }
      for (const { field } of error.fields) {
        const own = fieldNames[field]
        if (own) result.fields[own] ??= field === 'email' ? t.validation.emailInvalid : t.errors.invalidField
        else result.form = t.errors.generic
      }
      if (error.fields.length === 0) result.form = t.errors.generic
      return result
    }
    case 'SLUG_TAKEN':
      return at('slug', t.errors.slugTaken)
    case 'FORBIDDEN':
      return { form: t.errors.forbidden, fields: {} }
    case 'NOT_FOUND':
      return { form: t.errors.notFound, fields: {} }
    case 'PASSKEY_NOT_SUPPORTED':
      return { form: t.errors.passkeyNotSupported, fields: {} }
    // Outside the account screens `reauthentication` may be absent (first-paint text): then the generic message.
    case 'REAUTH_CANCELLED':
    case 'REAUTH_REQUIRED':
      return { form: t.reauthentication?.cancelled ?? t.errors.generic, fields: {} }
    // Only the account screens delete passkeys and unlink identities; elsewhere `account` may be absent.
    case 'LAST_SIGN_IN_METHOD':
      return { form: t.account?.lastSignInMethod ?? t.errors.generic, fields: {} }
    case 'PASSKEY_CANCELLED':
      return { form: t.errors.passkeyCancelled, fields: {} }
    case 'PASSKEY_VERIFICATION_FAILED':
      return { form: t.errors.passkeyFailed, fields: {} }
    case 'OAUTH_STATE_MISMATCH':
      return { form: t.errors.oauthStateMismatch, fields: {} }
    case 'OAUTH_ERROR':
      return { form: t.errors.oauthFailed, fields: {} }
    case 'NETWORK_ERROR':
      return { form: t.errors.network, fields: {} }
    case 'TIMEOUT':
      return { form: t.errors.timeout, fields: {} }
    default:
      return { form: error.status >= 500 ? t.errors.server : t.errors.generic, fields: {} }
  }
}

// Apart from the error body's schemas (./errors, which re-exports these): a module that imports zod, even for
// schemas a bundler drops, places zod in the chunk of whoever imports the module. The SDK's main entry maps
// error codes and must stay free of zod (its validation is a lazily loaded chunk).

/** Every `error_code` the reference server answers with (CONTRACT.md § Errors). */
export const SERVER_ERROR_CODES = [
  'VALIDATION_ERROR',
  'WEAK_PASSWORD',
  'INVALID_CREDENTIALS',
  'UNAUTHORIZED',
  'TOKEN_EXPIRED',
  'INVALID_REFRESH_TOKEN',
  'REFRESH_TOKEN_REUSED',
  'SESSION_REVOKED',
  'MFA_REQUIRED',
  'INVALID_MFA_CODE',
  'INVALID_PHONE_CODE',
  'PHONE_CODE_EXPIRED',
  'PHONE_CODE_ATTEMPTS_EXCEEDED',
  'REAUTH_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'EMAIL_TAKEN',
  'SLUG_TAKEN',
  'INVALID_TOKEN',
  'INVALID_EMAIL_CODE',
  'EMAIL_CODE_EXPIRED',
  'EMAIL_CODE_ATTEMPTS_EXCEEDED',
  'EMAIL_CODES_DISABLED',
  'PASSKEY_VERIFICATION_FAILED',
  'OAUTH_ERROR',
  'IDENTITY_ALREADY_LINKED',
  'LAST_SIGN_IN_METHOD',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
] as const

/** A code the server can send in `error_code`. */
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number]

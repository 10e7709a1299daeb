import * as z from 'zod/mini'

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
  'REAUTH_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'EMAIL_TAKEN',
  'SLUG_TAKEN',
  'INVALID_TOKEN',
  'PASSKEY_VERIFICATION_FAILED',
  'OAUTH_ERROR',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
] as const

/** A code the server can send in `error_code`. */
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number]

export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() })
/** One invalid field of a 400/422 validation error. */
export type FieldError = z.infer<typeof FieldErrorSchema>

/** The contract's error body. Loose on purpose: an error body is read, never rejected. */
export const ErrorBodySchema = z.object({
  detail: z.string(),
  error_code: z.string(),
  timestamp: z.optional(z.string()),
  path: z.optional(z.string()),
  errors: z.optional(z.array(FieldErrorSchema)),
  retry_after: z.optional(z.number()),
})
/** The JSON body of every non-2xx response from a contract server. */
export type ErrorBody = z.infer<typeof ErrorBodySchema>

import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps them out of the core entry (~0.9 KB gzip).

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

/**
 * One `{ field, message }` entry of the `details` of a 400/422 {@link ErrorBodySchema} error body; {@link FieldError}
 * is its type.
 */
export const FieldErrorSchema = /* @__PURE__ */ z.object({
  field: /* @__PURE__ */ z.string(),
  message: /* @__PURE__ */ z.string(),
})
/** One invalid field of a 400/422 validation error. */
export type FieldError = z.infer<typeof FieldErrorSchema>

/** The contract's error body. Loose on purpose: an error body is read, never rejected. */
export const ErrorBodySchema = /* @__PURE__ */ z.object({
  detail: /* @__PURE__ */ z.string(),
  error_code: /* @__PURE__ */ z.string(),
  timestamp: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  path: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  errors: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(FieldErrorSchema)),
  retry_after: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number()),
})
/** The JSON body of every non-2xx response from a contract server. */
export type ErrorBody = z.infer<typeof ErrorBodySchema>

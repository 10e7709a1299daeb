import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps them out of the core entry (~0.9 KB gzip).

// The codes are in ./error-codes, which does not import zod: the SDK's main entry needs them, not the schemas.
export { SERVER_ERROR_CODES, type ServerErrorCode } from './error-codes'

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
  /** With 403 `REAUTH_REQUIRED`: the ways this account can re-authenticate (`password`, `totp`, `backup_code`, `passkey`). */
  methods: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
})
/** The JSON body of every non-2xx response from a contract server. */
export type ErrorBody = z.infer<typeof ErrorBodySchema>

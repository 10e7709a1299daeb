import * as z from 'zod/mini'
import { UserSchema } from './user'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps them out of the core entry (~0.9 KB gzip).

const name = /* @__PURE__ */ z.nullable(
  /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.maxLength(100)),
)

/** The body of `PATCH /users/me` (omitted fields stay, `null` clears); {@link UpdateUserRequest} is its type. */
export const UpdateUserRequestSchema = /* @__PURE__ */ z.object({
  first_name: /* @__PURE__ */ z.optional(name),
  last_name: /* @__PURE__ */ z.optional(name),
  username: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(
      /* @__PURE__ */ z
        .string()
        .check(
          /* @__PURE__ */ z.trim(),
          /* @__PURE__ */ z.minLength(3),
          /* @__PURE__ */ z.maxLength(32),
          /* @__PURE__ */ z.regex(/^[a-zA-Z0-9_.-]+$/, 'Use letters, digits, _ . -'),
        ),
    ),
  ),
  profile_image_url: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(
      /* @__PURE__ */ z
        .string()
        .check(
          /* @__PURE__ */ z.trim(),
          /* @__PURE__ */ z.maxLength(2048),
          /* @__PURE__ */ z.regex(/^(?:https?:\/\/[^\s/?#]+[^\s]*)?$/i, 'Must be an http(s) URL'),
        ),
    ),
  ),
})
/**
 * `PATCH /users/me`: the fields to change; omitted fields stay, `null` clears one.
 *
 * @example
 * ```ts
 * const user = await plinto.users.updateProfile({ first_name: 'Ada', profile_image_url: 'https://example.com/ada.png' })
 * ```
 */
export type UpdateUserRequest = z.input<typeof UpdateUserRequestSchema>

/**
 * The body of `DELETE /users/me` (`{ password }`, or `{}` for password-less accounts); {@link DeleteUserRequest} is its
 * type.
 */
export const DeleteUserRequestSchema = /* @__PURE__ */ z.object({
  password: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(1024))),
})
/**
 * `DELETE /users/me`: the account's password confirms the deletion (accounts without a password omit it).
 *
 * @example
 * ```ts
 * await plinto.users.deleteAccount('correct horse battery')
 * ```
 */
export type DeleteUserRequest = z.input<typeof DeleteUserRequestSchema>

/**
 * A phone number in E.164 (`+` country code and number, 8 to 16 characters), trimmed: the one rule for every
 * phone number of the contract (the account's phone and the SMS second factor's).
 */
export const PhoneNumberSchema = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.trim(),
    /* @__PURE__ */ z.regex(/^\+[1-9]\d{6,14}$/, 'Use the E.164 format, e.g. +14155550123'),
  )

/** The body of `POST /users/me/phone` (`{ phone_number }`, E.164); {@link SetPhoneNumberRequest} is its type. */
export const SetPhoneNumberRequestSchema = /* @__PURE__ */ z.object({
  phone_number: PhoneNumberSchema,
})
/**
 * `POST /users/me/phone`: the number to set (or the current one again, to resend the code). A different number
 * replaces the old one un-verified; a 6-digit code is texted to it.
 *
 * @example
 * ```ts
 * await plinto.auth.startPhoneVerification('+14155550123')
 * ```
 */
export type SetPhoneNumberRequest = z.input<typeof SetPhoneNumberRequestSchema>

/**
 * The answer of `POST /users/me/phone` (202); {@link PhoneVerificationStarted} is its type.
 */
export const PhoneVerificationStartedSchema = /* @__PURE__ */ z.object({
  user: UserSchema,
  /** Seconds the code texted now stays valid. */
  expires_in: /* @__PURE__ */ z.number(),
  /** Seconds before another code may be requested for this account. */
  resend_in: /* @__PURE__ */ z.number(),
})
/**
 * A code was texted to `user.phone_number` (now `phone_verified: false` until the code is confirmed); it is valid
 * for `expires_in` seconds and the next one can be requested after `resend_in` seconds.
 *
 * @example
 * ```ts
 * const { user, expires_in, resend_in } = await plinto.auth.startPhoneVerification('+14155550123')
 * ```
 */
export type PhoneVerificationStarted = z.infer<typeof PhoneVerificationStartedSchema>

/** The body of `POST /users/me/phone/verify` (`{ code }`, 6 digits); {@link VerifyPhoneRequest} is its type. */
export const VerifyPhoneRequestSchema = /* @__PURE__ */ z.object({
  code: /* @__PURE__ */ z
    .string()
    .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.regex(/^\d{6}$/, 'Enter the 6-digit code')),
})
/**
 * `POST /users/me/phone/verify`: the code texted by the last `POST /users/me/phone`.
 *
 * @example
 * ```ts
 * const user = await plinto.auth.verifyPhone('123456')
 * user.phone_verified // true
 * ```
 */
export type VerifyPhoneRequest = z.input<typeof VerifyPhoneRequestSchema>

import * as z from 'zod/mini'

// `/* @__PURE__ */` on every schema call lets bundlers drop the schemas an app does not use (zod
// cannot mark chained `.check()` calls pure itself); it keeps them out of the core entry (~0.9 KB gzip).
import { TokenResponseSchema } from './tokens'
import { UserSchema } from './user'

// ---- Responses ----

/**
 * The response of every call that signs a user in (`POST /auth/signup`, `/auth/signin`, `/auth/magic-link/verify`,
 * `/mfa/challenge`, `/passkeys/authenticate/verify`, `/oauth/{provider}/callback`): `{ user, tokens }`;
 * {@link AuthResponse} is its type.
 */
export const AuthResponseSchema = /* @__PURE__ */ z.object({ user: UserSchema, tokens: TokenResponseSchema })
/** `{ user, tokens }`: the result of every call that signs a user in. */
export type AuthResponse = z.infer<typeof AuthResponseSchema>

/**
 * One of `'totp' | 'sms' | 'backup_code' | 'passkey'`, as listed in `methods` of {@link MfaRequiredResponseSchema} and
 * {@link MfaStatusSchema}; {@link MfaMethod} is its type.
 */
export const MfaMethodSchema = /* @__PURE__ */ z.enum(['totp', 'sms', 'backup_code', 'passkey'])
/** A second factor a user can answer a sign-in challenge with. */
export type MfaMethod = z.infer<typeof MfaMethodSchema>

/**
 * The `{ mfa_required: true, mfa_token, methods }` answer of `POST /auth/signin` and `POST /oauth/{provider}/callback`
 * when the account has a second factor; {@link MfaRequiredResponse} is its type.
 */
export const MfaRequiredResponseSchema = /* @__PURE__ */ z.object({
  mfa_required: /* @__PURE__ */ z.literal(true),
  mfa_token: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1)),
  methods: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
})
/** What `POST /auth/signin` answers when the account has MFA on; the SDK turns it into `MFA_REQUIRED`. */
export type MfaRequiredResponse = z.infer<typeof MfaRequiredResponseSchema>

/**
 * The response of `POST /auth/signin`: either {@link AuthResponseSchema} or, when the account has MFA on,
 * {@link MfaRequiredResponseSchema}.
 */
export const SignInResponseSchema = /* @__PURE__ */ z.union([AuthResponseSchema, MfaRequiredResponseSchema])

/**
 * The `{ message }` response of endpoints that only acknowledge (password forgot/reset/change, magic-link send, email
 * verification, `POST /mfa/sms/enable`); {@link MessageResponse} is its type.
 */
export const MessageResponseSchema = /* @__PURE__ */ z.object({ message: /* @__PURE__ */ z.string() })
/** `{ message }`: the body of endpoints that only acknowledge. */
export type MessageResponse = z.infer<typeof MessageResponseSchema>

/**
 * The answer of `POST /auth/email-code/verify`: for `purpose: 'sign_in'` a sign-in answer ({@link SignInResponseSchema}),
 * for `purpose: 'verify_email'` a {@link MessageResponseSchema}; {@link EmailCodeVerifyResponse} is its type.
 */
export const EmailCodeVerifyResponseSchema = /* @__PURE__ */ z.union([
  AuthResponseSchema,
  MfaRequiredResponseSchema,
  MessageResponseSchema,
])
/** @example `const answer: EmailCodeVerifyResponse = await res.json()` */
export type EmailCodeVerifyResponse = z.infer<typeof EmailCodeVerifyResponseSchema>

// ---- Requests ----
// Validation here is structural (types, presence, sane bounds); policy such as password strength is the
// server's, so it can answer WEAK_PASSWORD rather than a generic validation error.

const email = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.trim(),
    /* @__PURE__ */ z.minLength(3),
    /* @__PURE__ */ z.maxLength(320),
    /* @__PURE__ */ z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter a valid email address'),
  )
const password = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.minLength(1, 'Password is required'), /* @__PURE__ */ z.maxLength(1024))
const name = /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.maxLength(100))

/**
 * The body of `POST /auth/signup` (email, password, optional names and username); {@link SignUpRequest} is its type.
 */
export const SignUpRequestSchema = /* @__PURE__ */ z.object({
  email,
  password,
  first_name: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(name)),
  last_name: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(name)),
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
})
/**
 * @example
 * ```ts
 * await plinto.auth.signUp({ email: 'ada@example.com', password: 'correct horse battery', first_name: 'Ada' })
 * ```
 */
export type SignUpRequest = z.input<typeof SignUpRequestSchema>

/**
 * The body of `POST /auth/signin` (`email` or `username`, `password`, `remember`); {@link SignInRequest} is its type.
 */
export const SignInRequestSchema = /* @__PURE__ */ z.object({
  email: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .string()
      .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(320)),
  ),
  username: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .string()
      .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(32)),
  ),
  password,
  remember: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
})
/**
 * Sign in with `email` or `username`, and `password`.
 *
 * @example
 * ```ts
 * await plinto.auth.signIn({ email: 'ada@example.com', password, remember: true })
 * ```
 */
export type SignInRequest = z.input<typeof SignInRequestSchema>

/**
 * The body of `POST /auth/refresh` (`refresh_token`, omitted in cookie transport); {@link RefreshTokenRequest} is its
 * type.
 */
export const RefreshRequestSchema = /* @__PURE__ */ z.object({
  refresh_token: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(4096)),
  ),
})
/** Body of `POST /auth/refresh`; empty in cookie transport. */
export type RefreshTokenRequest = z.input<typeof RefreshRequestSchema>

/**
 * The body of `POST /auth/organization/switch`: the organization to make active (`null` for none) and the
 * refresh token (omitted in cookie transport); {@link SwitchOrganizationRequest} is its type.
 */
export const SwitchOrganizationRequestSchema = /* @__PURE__ */ z.object({
  organization_id: /* @__PURE__ */ z.nullable(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(255)),
  ),
  refresh_token: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(4096)),
  ),
})
/** Body of `POST /auth/organization/switch`; `refresh_token` is left out in cookie transport. */
export type SwitchOrganizationRequest = z.input<typeof SwitchOrganizationRequestSchema>

/** The body of `POST /auth/password/change` (current and new password); {@link ChangePasswordRequest} is its type. */
export const ChangePasswordRequestSchema = /* @__PURE__ */ z.object({
  current_password: password,
  new_password: password,
})
/** @example `await plinto.auth.changePassword({ current_password, new_password })` */
export type ChangePasswordRequest = z.input<typeof ChangePasswordRequestSchema>

/** The body of `POST /auth/password/forgot` (`{ email }`); {@link ForgotPasswordRequest} is its type. */
export const ForgotPasswordRequestSchema = /* @__PURE__ */ z.object({ email })
/** @example `await plinto.auth.forgotPassword({ email: 'ada@example.com' })` */
export type ForgotPasswordRequest = z.input<typeof ForgotPasswordRequestSchema>

/**
 * The body of `POST /auth/password/reset` (the emailed `token` and `new_password`); {@link ResetPasswordRequest} is its
 * type.
 */
export const ResetPasswordRequestSchema = /* @__PURE__ */ z.object({
  token: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(512)),
  new_password: password,
})
/**
 * Body of `POST /auth/password/reset`: the token from the reset email and the new password. On success every
 * session of the account ends.
 *
 * @example `await plinto.auth.resetPassword(new URL(location.href).searchParams.get('token')!, newPassword)`
 */
export type ResetPasswordRequest = z.input<typeof ResetPasswordRequestSchema>

/**
 * The `{ token }` body of `POST /auth/email/verify`, `POST /auth/magic-link/verify` and `POST /invitations/accept`;
 * {@link TokenRequest} is its type.
 */
export const TokenRequestSchema = /* @__PURE__ */ z.object({
  token: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(512)),
})
/** `{ token }`: email verification, magic-link verification. */
export type TokenRequest = z.input<typeof TokenRequestSchema>

/** The body of `POST /auth/magic-link` (`email`, optional `redirect_url`); {@link MagicLinkRequest} is its type. */
export const MagicLinkRequestSchema = /* @__PURE__ */ z.object({
  email,
  redirect_url: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(2048))),
})
/** @example `await plinto.auth.sendMagicLink({ email, redirect_url: 'https://app.example.com/auth/callback' })` */
export type MagicLinkRequest = z.input<typeof MagicLinkRequestSchema>

/**
 * What an emailed one-time code is for: `sign_in` (the code signs in, like a magic link) or `verify_email` (the code
 * marks the address verified, like the verification link); {@link EmailCodePurpose} is its type.
 */
export const EmailCodePurposeSchema = /* @__PURE__ */ z.enum(['sign_in', 'verify_email'])
/** @example `const purpose: EmailCodePurpose = 'sign_in'` */
export type EmailCodePurpose = z.infer<typeof EmailCodePurposeSchema>

/**
 * The body of `POST /auth/email-code/send` (`email`, `purpose`); {@link EmailCodeSendRequest} is its type. The answer
 * is the same whether or not the account exists.
 */
export const EmailCodeSendRequestSchema = /* @__PURE__ */ z.object({ email, purpose: EmailCodePurposeSchema })
/** @example `await plinto.auth.sendEmailCode({ email: 'ada@example.com', purpose: 'sign_in' })` */
export type EmailCodeSendRequest = z.input<typeof EmailCodeSendRequestSchema>

/**
 * The body of `POST /auth/email-code/verify` (`email`, the 6-digit `code`, `purpose`); {@link EmailCodeVerifyRequest}
 * is its type. The server ignores spaces and dashes a person types or pastes between the digits.
 */
export const EmailCodeVerifyRequestSchema = /* @__PURE__ */ z.object({
  email,
  code: /* @__PURE__ */ z
    .string()
    .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(1, 'Enter the code'), /* @__PURE__ */ z.maxLength(32)),
  purpose: EmailCodePurposeSchema,
})
/** @example `await plinto.auth.signInWithEmailCode({ email: 'ada@example.com', code: '123456' })` */
export type EmailCodeVerifyRequest = z.input<typeof EmailCodeVerifyRequestSchema>

/**
 * The body of `POST /mfa/challenge` (the `mfa_token` from sign-in and a code); {@link MfaChallengeRequest} is its type.
 */
export const MfaChallengeRequestSchema = /* @__PURE__ */ z.object({
  mfa_token: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(2048)),
  code: /* @__PURE__ */ z
    .string()
    .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(4), /* @__PURE__ */ z.maxLength(64)),
})
/** @example `await plinto.auth.verifyMfaChallenge({ mfa_token: err.mfaToken, code: '123456' })` */
export type MfaChallengeRequest = z.input<typeof MfaChallengeRequestSchema>
